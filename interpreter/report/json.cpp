// The JSON report, field by field in the order of report.md.
#include "interpreter/report/context.hpp"
#include "interpreter/report/json_writer.hpp"

namespace accrue::reporting {
namespace {

void write_checks(JsonWriter& w, const std::vector<CheckResult>& checks) {
    w.begin_array();
    for (const CheckResult& c : checks) {
        w.begin_object();
        w.key("name");
        w.value(*c.name);
        w.key("ok");
        w.value(c.ok);
        w.key("detail");
        w.value(c.detail);
        w.end_object();
    }
    w.end_array();
}

void write_partners(JsonWriter& w, const Context& c, const Drain& drain) {
    w.key("partners");
    w.begin_array();
    for (const PartnerTotals& p : c.report.partners) {
        w.begin_object();
        w.key("partner");
        w.value(c.ledger.partners[p.partner].id);
        w.key("role");
        w.value(p.role);
        w.key("currency");
        w.value(p.currency.code_view());
        w.key("accrued");
        w.money(p.accrued, p.currency);
        w.key("available");
        w.money(p.available, p.currency);
        w.key("withdrawn");
        w.money(p.withdrawn, p.currency);
        w.key("balance");
        w.money(p.balance, p.currency);
        w.key("totals");
        w.begin_object();
        for (std::size_t k = 0; k < p.totals.size(); ++k) {
            if (p.totals[k]) {
                w.key(line_kind_name(static_cast<LineKind>(k)));
                w.money(*p.totals[k], p.currency);
            }
        }
        w.end_object();
        w.key("withdrawal");
        w.begin_object();
        w.key("eligible");
        w.value(p.eligible);
        w.key("checks");
        write_checks(w, p.checks);
        w.end_object();
        w.key("benefits");
        w.begin_array();
        for (const PartnerTotals::Unlocked& u : p.benefits) {
            w.begin_object();
            w.key("period");
            w.value(u.period);
            w.key("benefit");
            w.value(*u.benefit);
            w.end_object();
        }
        w.end_array();
        w.end_object();
        drain(w.text());
    }
    w.end_array();
}

void write_header(JsonWriter& w, const Context& c) {
    w.key("program");
    w.begin_object();
    w.key("name");
    w.value(c.program.header.program.name);
    w.key("file");
    w.value(c.program.file);
    if (!c.program.parameters.empty()) { // the values this report was made with
        w.key("parameters");
        w.begin_object();
        for (const Parameter& p : c.program.parameters) {
            w.key(p.name.name);
            w.value(p.text);
        }
        w.end_object();
    }
    w.end_object();
    w.key("as_of");
    w.time(c.zone, c.report.as_of);
}

void write_accruals(JsonWriter& w, const Context& c, const Drain& drain) {
    w.key("accruals");
    w.begin_array();
    for (const Line& line : c.report.lines) {
        const Record& r = c.ledger.record(line.record);
        w.begin_object();
        w.key("event");
        w.value(r.id);
        w.key("partner");
        w.value(c.ledger.partners[line.partner].id);
        w.key("customer");
        w.value(customer_of(c.ledger, r));
        w.key("kind");
        w.value(line_kind_name(line.kind));
        w.key("rule");
        w.value(*line.rule);
        w.key("base");
        if (line.has_base) {
            w.money(line.base, line.currency);
        } else {
            w.null();
        }
        w.key("rate");
        if (line.has_base && line.has_rate) {
            w.decimal(line.rate.normalized());
        } else {
            w.null();
        }
        w.key("amount");
        w.money(line.amount, line.currency);
        w.key("currency");
        w.value(line.currency.code_view());
        w.key("at");
        w.time(c.zone, line.at);
        w.key("available_at");
        w.time(c.zone, line.available_at);
        w.key("provisional");
        w.value(line.provisional);
        w.end_object();
        drain(w.text());
    }
    w.end_array();
}

void write_excluded(JsonWriter& w, const Context& c, const Drain& drain) {
    w.key("excluded");
    w.begin_array();
    for (const ExcludedEntry& e : c.report.excluded) {
        w.begin_object();
        w.key("event");
        w.value(c.ledger.record(e.record).id);
        w.key("partner");
        if (e.partner == no_partner) {
            w.null();
        } else {
            w.value(c.ledger.partners[e.partner].id);
        }
        w.key("reason");
        w.value(*e.reason);
        w.key("rule");
        w.value(*e.reason);
        w.end_object();
        drain(w.text());
    }
    w.end_array();
}

void write_withdrawals(JsonWriter& w, const Context& c, const Drain& drain) {
    w.key("withdrawals");
    w.begin_array();
    for (const WithdrawalDecision& d : c.report.withdrawals) {
        const Record& r = c.ledger.record(d.record);
        w.begin_object();
        w.key("event");
        w.value(r.id);
        w.key("partner");
        w.value(c.ledger.partners[d.partner].id);
        w.key("amount");
        w.money(r.amount, r.currency);
        w.key("currency");
        w.value(r.currency.code_view());
        w.key("approved");
        w.value(d.approved);
        w.key("due_by");
        if (d.due_by) {
            w.time(c.zone, *d.due_by);
        } else {
            w.null();
        }
        w.key("checks");
        write_checks(w, d.checks);
        w.end_object();
        drain(w.text());
    }
    w.end_array();
}

void write_summary(JsonWriter& w, const Summary& s) {
    w.key("summary");
    w.begin_object();
    w.key("records");
    w.number(s.records);
    w.key("accrued");
    w.number(s.accrued);
    w.key("excluded");
    w.number(s.excluded);
    w.key("withdrawals");
    w.number(s.withdrawals);
    w.key("informational");
    w.number(s.informational);
    w.key("after_as_of");
    w.number(s.after_as_of);
    w.end_object();
}

} // namespace

void write_json(const Context& c, bool totals_only, std::ostream& sink) {
    std::string out;
    out.reserve(Drain::bytes + 4096);
    const Drain drain{sink};
    JsonWriter w(out);
    w.begin_object();
    write_header(w, c);
    if (!totals_only) {
        write_accruals(w, c, drain);
        write_excluded(w, c, drain);
        write_withdrawals(w, c, drain);
    }
    write_partners(w, c, drain);
    if (!totals_only) {
        write_summary(w, c.report.summary);
    }
    w.end_object();
    out.push_back('\n');
    drain(out, true);
}

} // namespace accrue::reporting
