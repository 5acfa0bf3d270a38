#include "cli/diff_command.hpp"

#include "cli/diff_compare.hpp"
#include "cli/pipeline.hpp"
#include "interpreter/ledger/spool.hpp"
#include "interpreter/values/limits.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace accrue {
namespace {

using json = nlohmann::ordered_json;

// One program and what it makes of the ledger. Lines point into the
// program and the ledger, so the three stay together, in place.
struct Evaluated {
    Program program;
    Ledger ledger;
    Report report;
};

std::unique_ptr<Evaluated> evaluate_program(const std::string& program_path,
                                            const std::vector<ParameterSetting>& settings,
                                            const std::string& ledger_path,
                                            const std::string& ledger_name,
                                            const std::string& as_of) {
    auto side = std::make_unique<Evaluated>();
    side->program = load_program(program_path, settings);
    side->ledger = read_ledger(ledger_path, ledger_name, ledger_rules(side->program));
    EvaluationOptions options;
    options.as_of = as_of_option(as_of, side->program);
    side->report = evaluate(side->program, side->ledger, options);
    return side;
}

// {"name", "file"}, and the parameters' values when the program has any.
json program_object(const Program& program) {
    json object{{"name", program.header.program.name}, {"file", program.file}};
    if (!program.parameters.empty()) {
        json parameters = json::object();
        for (const Parameter& p : program.parameters) {
            parameters[p.name.name] = p.text;
        }
        object["parameters"] = std::move(parameters);
    }
    return object;
}

// "programs/p.accrue (top_rate = 12%)": a side of the table's title.
std::string side_title(const json& program) {
    std::string title = program.at("file");
    if (program.contains("parameters")) {
        std::string values;
        for (const auto& [name, value] : program.at("parameters").items()) {
            values += fmt::format("{}{} = {}", values.empty() ? "" : ", ", name,
                                  value.get<std::string>());
        }
        title += " (" + values + ")";
    }
    return title;
}

DiffSide side_of(const Evaluated& e) {
    return {e.program, e.ledger, e.report, *TimeZone::locate(e.program.header.time_zone->name)};
}

std::string yes_no(bool value) {
    return value ? "yes" : "no";
}

// "commission 78.96 UAH to p1", with its available_at when the two sides
// differ in nothing else.
std::string line_text(const json& line, bool with_available_at) {
    std::string text = fmt::format(
        "{} {} {} to {}", line.at("kind").get<std::string>(), line.at("amount").get<std::string>(),
        line.at("currency").get<std::string>(), line.at("partner").get<std::string>());
    if (line.at("provisional").get<bool>()) {
        text += " (provisional)";
    }
    if (with_available_at) {
        text += ", available " + line.at("available_at").get<std::string>();
    }
    return text;
}

std::string outcome_text(const json& outcome, bool with_available_at) {
    std::string text;
    const auto add = [&](const std::string& part) { text += text.empty() ? part : "; " + part; };
    for (const json& line : outcome.at("lines")) {
        add(line_text(line, with_available_at));
    }
    if (const json& e = outcome.at("excluded"); !e.is_null()) {
        add("excluded: " + e.at("reason").get<std::string>());
    }
    if (const json& w = outcome.at("withdrawal"); !w.is_null()) {
        add(w.at("approved").get<bool>() ? "withdrawal approved" : "withdrawal refused");
    }
    return text.empty() ? "(nothing)" : text;
}

void print_event(const json& event, std::ostream& out) {
    std::string before = outcome_text(event.at("old"), false);
    std::string after = outcome_text(event.at("new"), false);
    if (before == after) { // only when the money becomes available differs
        before = outcome_text(event.at("old"), true);
        after = outcome_text(event.at("new"), true);
    }
    out << fmt::format("  {}: {} -> {}\n", event.at("event").get<std::string>(), before, after);
}

// One row of figures: "  p1   102.42   118.21   +15.79 UAH"; a figure in
// two currencies shows each with its own and no difference.
void print_figure(const std::string& label, const json& entry, const json& figure,
                  std::ostream& out) {
    const std::string before = figure.at("old");
    const std::string after = figure.at("new");
    if (entry.contains("currency")) {
        out << fmt::format("  {:<14} {:>14} {:>14} {:>14} {}\n", label, before, after,
                           figure.at("difference").get<std::string>(),
                           entry.at("currency").get<std::string>());
        return;
    }
    out << fmt::format("  {:<14} {:>14} {:>14}   (in two currencies: not subtracted)\n", label,
                       before + " " + entry.at("old_currency").get<std::string>(),
                       after + " " + entry.at("new_currency").get<std::string>());
}

// A partner's accrued, then only the other figures that changed.
void print_partner(const std::string& label, const json& entry, std::ostream& out) {
    print_figure(label, entry, entry.at("accrued"), out);
    for (const char* name : {"available", "balance"}) {
        const json& figure = entry.at(name);
        if (figure.at("old") != figure.at("new") || !entry.contains("currency")) {
            print_figure(fmt::format("  {}", name), entry, figure, out);
        }
    }
    if (entry.contains("can_withdraw")) {
        const json& can = entry.at("can_withdraw");
        if (can.at("old") != can.at("new")) {
            out << fmt::format("  {:<14} {:>14} {:>14}\n", "  can withdraw",
                               yes_no(can.at("old").get<bool>()),
                               yes_no(can.at("new").get<bool>()));
        }
    }
}

void print_table(const json& result, bool summary, std::ostream& out) {
    out << fmt::format("{} -> {} on {}, as of {}\n\n", side_title(result.at("old")),
                       side_title(result.at("new")), result.at("ledger").get<std::string>(),
                       result.at("as_of").get<std::string>());
    out << fmt::format("  {:<14} {:>14} {:>14} {:>14}\n", "partner", "old accrued", "new accrued",
                       "difference");
    for (const json& p : result.at("partners")) {
        print_partner(p.at("partner").get<std::string>(), p, out);
    }
    for (const json& t : result.at("totals")) {
        print_partner("total", t, out);
    }
    const std::size_t changed = result.at("events_changed");
    out << fmt::format("\n{} event{} changed\n", changed, changed == 1 ? "" : "s");
    if (!summary) {
        for (const json& event : result.at("events")) {
            print_event(event, out);
        }
    }
}

} // namespace

void run_diff(const DiffArguments& args, std::ostream& out) {
    // Standard input is read once, into a file both programs read.
    std::optional<SpooledInput> spooled;
    if (args.ledger == "-") {
        spooled.emplace(std::cin, "<stdin>", limits::max_ledger_bytes);
    }
    const std::string path = spooled ? spooled->path() : args.ledger;
    const std::string name = spooled ? "<stdin>" : args.ledger;
    const std::string& new_program = args.new_program.empty() ? args.old_program : args.new_program;
    const auto before = evaluate_program(
        args.old_program, parse_settings(args.old_settings, "--old-set"), path, name, args.as_of);
    const auto after = evaluate_program(new_program, parse_settings(args.new_settings, "--new-set"),
                                        path, name, args.as_of);
    const DiffSide old_side = side_of(*before);
    const DiffSide new_side = side_of(*after);

    json result = compare_partners(old_side, new_side);
    result["old"] = program_object(before->program);
    result["new"] = program_object(after->program);
    result["ledger"] = name;
    result["as_of"] = new_side.zone.format(after->report.as_of);
    json events = compare_events(old_side, new_side);
    result["events_changed"] = events.size();
    if (!args.summary) {
        result["events"] = std::move(events);
    }
    if (args.format == "json") {
        out << result.dump(1) << "\n";
        return;
    }
    print_table(result, args.summary, out);
}

} // namespace accrue
