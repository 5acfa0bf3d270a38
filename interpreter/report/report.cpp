#include "interpreter/report/report.hpp"

#include <fmt/format.h>

namespace accrue {
namespace {

// A small JSON writer: report.md fixes the fields and their order, so
// writing them directly is both clear and fast (a million lines in a few
// hundred milliseconds).
class JsonWriter {
  public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    void key(std::string_view name) {
        separator();
        string(name);
        out_ += ": ";
        after_key_ = true;
    }
    void value(std::string_view text) {
        separator();
        string(text);
    }
    // Without this, a string literal would convert to bool, not to a string.
    void value(const char* text) { value(std::string_view(text)); }
    void value(bool b) {
        separator();
        out_ += b ? "true" : "false";
    }
    void number(std::size_t n) {
        separator();
        out_ += std::to_string(n);
    }
    void null() {
        separator();
        out_ += "null";
    }
    void money(const Decimal& amount, Currency currency) {
        separator();
        out_.push_back('"');
        amount.widened(currency.minor_units()).append_to(out_);
        out_.push_back('"');
    }
    void decimal(const Decimal& d) {
        separator();
        out_.push_back('"');
        d.append_to(out_);
        out_.push_back('"');
    }
    void time(const TimeZone& zone, Instant t) {
        separator();
        out_.push_back('"');
        zone.append_formatted(out_, t);
        out_.push_back('"');
    }
    template <typename F> void field(std::string_view name, F&& write) {
        key(name);
        write();
    }

  private:
    void open(char c) {
        separator();
        out_.push_back(c);
        ++depth_;
        first_ = true;
    }
    void close(char c) {
        --depth_;
        if (!first_) {
            newline();
        }
        out_.push_back(c);
        first_ = false;
    }
    void newline() {
        out_.push_back('\n');
        out_.append(static_cast<std::size_t>(depth_), ' ');
    }
    void separator() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (depth_ > 0) {
            if (!first_) {
                out_.push_back(',');
            }
            newline();
        }
        first_ = false;
    }
    void string(std::string_view text) {
        out_.push_back('"');
        for (const char c : text) {
            switch (c) {
            case '"':
                out_ += "\\\"";
                break;
            case '\\':
                out_ += "\\\\";
                break;
            case '\n':
                out_ += "\\n";
                break;
            case '\r':
                out_ += "\\r";
                break;
            case '\t':
                out_ += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out_ += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
                } else {
                    out_.push_back(c);
                }
            }
        }
        out_.push_back('"');
    }

    std::string& out_;
    int depth_ = 0;
    bool first_ = true;
    bool after_key_ = false;
};

struct Context {
    const Report& report;
    const Program& program;
    const Ledger& ledger;
    TimeZone zone;
};

std::string_view customer_of(const Ledger& ledger, const Record& r) {
    if (r.type == RecordType::refund) {
        return ledger.records[r.payment_index].customer;
    }
    return r.customer;
}

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

void write_partners(JsonWriter& w, const Context& c) {
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
    w.end_object();
    w.key("as_of");
    w.time(c.zone, c.report.as_of);
}

std::string render_json(const Context& c, bool totals_only) {
    std::string out;
    out.reserve(totals_only ? 4096 : 256 + c.report.lines.size() * 330);
    JsonWriter w(out);
    w.begin_object();
    write_header(w, c);
    if (!totals_only) {
        w.key("accruals");
        w.begin_array();
        for (const Line& line : c.report.lines) {
            const Record& r = c.ledger.records[line.record];
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
        }
        w.end_array();
        w.key("excluded");
        w.begin_array();
        for (const ExcludedEntry& e : c.report.excluded) {
            w.begin_object();
            w.key("event");
            w.value(c.ledger.records[e.record].id);
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
        }
        w.end_array();
        w.key("withdrawals");
        w.begin_array();
        for (const WithdrawalDecision& d : c.report.withdrawals) {
            const Record& r = c.ledger.records[d.record];
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
        }
        w.end_array();
    }
    write_partners(w, c);
    if (!totals_only) {
        const Summary& s = c.report.summary;
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
    w.end_object();
    out.push_back('\n');
    return out;
}

std::string money_text(const Decimal& amount, Currency currency) {
    return amount.widened(currency.minor_units()).to_string();
}

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string out = "\"";
    for (const char ch : text) {
        if (ch == '"') {
            out.push_back('"');
        }
        out.push_back(ch);
    }
    return out + "\"";
}

std::string render_csv(const Context& c, bool totals_only) {
    std::string out;
    if (totals_only) {
        out += "partner,role,currency,accrued,available,withdrawn,balance,eligible\n";
        for (const PartnerTotals& p : c.report.partners) {
            out += fmt::format(
                "{},{},{},{},{},{},{},{}\n", csv_field(c.ledger.partners[p.partner].id),
                csv_field(p.role), p.currency.code_view(), money_text(p.accrued, p.currency),
                money_text(p.available, p.currency), money_text(p.withdrawn, p.currency),
                money_text(p.balance, p.currency), p.eligible ? "true" : "false");
        }
        return out;
    }
    out +=
        "event,partner,customer,kind,rule,base,rate,amount,currency,at,available_at,provisional\n";
    for (const Line& line : c.report.lines) {
        const Record& r = c.ledger.records[line.record];
        out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(r.id),
                           csv_field(c.ledger.partners[line.partner].id),
                           csv_field(customer_of(c.ledger, r)), line_kind_name(line.kind),
                           csv_field(*line.rule),
                           line.has_base ? money_text(line.base, line.currency) : "",
                           line.has_base && line.has_rate ? line.rate.normalized().to_string() : "",
                           money_text(line.amount, line.currency), line.currency.code_view(),
                           c.zone.format(line.at), c.zone.format(line.available_at),
                           line.provisional ? "true" : "false");
    }
    return out;
}

// Columns padded to their widest cell.
std::string table(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        widths.resize(std::max(widths.size(), row.size()));
        for (std::size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    std::string out;
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) {
                line.append(widths[i] - row[i].size() + 2, ' ');
            }
        }
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        out += "  " + line + "\n";
    }
    return out;
}

std::string render_table(const Context& c, bool totals_only) {
    std::string out =
        fmt::format("{} as of {}\n", c.program.header.program.name, c.zone.format(c.report.as_of));
    if (!totals_only) {
        std::vector<std::vector<std::string>> rows{
            {"event", "partner", "kind", "rule", "amount", "available at", ""}};
        for (const Line& line : c.report.lines) {
            rows.push_back(
                {std::string(c.ledger.records[line.record].id),
                 std::string(c.ledger.partners[line.partner].id), line_kind_name(line.kind),
                 *line.rule, money_text(line.amount, line.currency) + " " + line.currency.code(),
                 c.zone.format(line.available_at), line.provisional ? "provisional" : ""});
        }
        out += fmt::format("\nAccruals ({})\n", c.report.lines.size()) + table(rows);
        rows = {{"event", "partner", "reason"}};
        for (const ExcludedEntry& e : c.report.excluded) {
            rows.push_back(
                {std::string(c.ledger.records[e.record].id),
                 e.partner == no_partner ? "-" : std::string(c.ledger.partners[e.partner].id),
                 *e.reason});
        }
        out += fmt::format("\nExcluded ({})\n", c.report.excluded.size()) + table(rows);
        rows = {{"event", "partner", "amount", "decision", "checks"}};
        for (const WithdrawalDecision& d : c.report.withdrawals) {
            const Record& r = c.ledger.records[d.record];
            std::string checks;
            for (const CheckResult& check : d.checks) {
                checks += fmt::format("{}{} {} ({})", checks.empty() ? "" : "; ", *check.name,
                                      check.ok ? "ok" : "FAILED", check.detail);
            }
            rows.push_back({std::string(r.id), std::string(c.ledger.partners[d.partner].id),
                            money_text(r.amount, r.currency) + " " + r.currency.code(),
                            d.approved ? (d.due_by ? "approved, due by " + c.zone.format(*d.due_by)
                                                   : "approved")
                                       : "refused",
                            checks});
        }
        out += fmt::format("\nWithdrawals ({})\n", c.report.withdrawals.size()) + table(rows);
    }
    std::vector<std::vector<std::string>> rows{
        {"partner", "role", "accrued", "available", "withdrawn", "balance", "can withdraw"}};
    for (const PartnerTotals& p : c.report.partners) {
        rows.push_back({std::string(c.ledger.partners[p.partner].id), std::string(p.role),
                        money_text(p.accrued, p.currency), money_text(p.available, p.currency),
                        money_text(p.withdrawn, p.currency),
                        money_text(p.balance, p.currency) + " " + p.currency.code(),
                        p.eligible ? "yes" : "no"});
    }
    out += fmt::format("\nPartners ({})\n", c.report.partners.size()) + table(rows);
    if (!totals_only) {
        const Summary& s = c.report.summary;
        out += fmt::format("\nRecords: {} = {} accrued + {} excluded + {} withdrawals + {} "
                           "informational + {} after as-of\n",
                           s.records, s.accrued, s.excluded, s.withdrawals, s.informational,
                           s.after_as_of);
    }
    return out;
}

} // namespace

std::string render_report(const Report& report, const Program& program, const Ledger& ledger,
                          const ReportOptions& options) {
    const Context context{report, program, ledger,
                          *TimeZone::locate(program.header.time_zone->name)};
    switch (options.format) {
    case ReportFormat::json:
        return render_json(context, options.totals_only);
    case ReportFormat::csv:
        return render_csv(context, options.totals_only);
    case ReportFormat::table:
        break;
    }
    return render_table(context, options.totals_only);
}

} // namespace accrue
