#include "cli/sweep_command.hpp"

#include "cli/pipeline.hpp"
#include "interpreter/ledger/spool.hpp"
#include "interpreter/report/context.hpp"
#include "interpreter/values/limits.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <map>

namespace accrue {
namespace {

using json = nlohmann::ordered_json;
using reporting::csv_field;
using reporting::money_text;

struct Grid {
    std::string name;
    std::vector<std::string> values;
};

// "top_rate=8%,10%,12%" -> top_rate and its three values.
Grid parse_grid(const std::string& text) {
    const ParameterSetting setting = parse_setting(text, "--grid");
    Grid grid{setting.name, {}};
    std::size_t begin = 0;
    while (begin <= setting.value.size()) {
        const std::size_t comma = std::min(setting.value.find(',', begin), setting.value.size());
        std::string value = setting.value.substr(begin, comma - begin);
        if (value.empty()) {
            throw SettingError(
                fmt::format("--grid {}: a value is empty; write NAME=V1,V2,...", text));
        }
        grid.values.push_back(std::move(value));
        begin = comma + 1;
    }
    return grid;
}

// Every combination, the last grid varying fastest.
std::vector<std::vector<ParameterSetting>> variants_of(const std::vector<Grid>& grids) {
    std::vector<std::vector<ParameterSetting>> variants{{}};
    for (const Grid& grid : grids) {
        std::vector<std::vector<ParameterSetting>> next;
        for (const auto& variant : variants) {
            for (const std::string& value : grid.values) {
                auto extended = variant;
                extended.push_back({grid.name, value, "--grid"});
                next.push_back(std::move(extended));
            }
        }
        variants = std::move(next);
    }
    return variants;
}

// What a sweep keeps of one variant's report.
json variant_row(const std::vector<ParameterSetting>& settings, const Report& report,
                 const Ledger& ledger, bool per_partner) {
    json row;
    json parameters = json::object();
    for (const ParameterSetting& s : settings) {
        parameters[s.name] = s.value;
    }
    row["parameters"] = std::move(parameters);
    std::map<std::string_view, std::array<Decimal, 4>> totals; // currency -> figures
    std::map<std::string_view, Currency> currencies;
    json partners = json::array();
    for (const PartnerTotals& p : report.partners) {
        auto& t = totals[p.currency.code_view()];
        currencies[p.currency.code_view()] = p.currency;
        t[0] = t[0] + p.accrued;
        t[1] = t[1] + p.available;
        t[2] = t[2] + p.withdrawn;
        t[3] = t[3] + p.balance;
        if (per_partner) {
            partners.push_back({{"partner", ledger.partners[p.partner].id},
                                {"currency", p.currency.code_view()},
                                {"accrued", money_text(p.accrued, p.currency)},
                                {"available", money_text(p.available, p.currency)},
                                {"withdrawn", money_text(p.withdrawn, p.currency)},
                                {"balance", money_text(p.balance, p.currency)}});
        }
    }
    json by_currency = json::array();
    for (const auto& [code, t] : totals) {
        const Currency c = currencies.at(code);
        by_currency.push_back({{"currency", code},
                               {"accrued", money_text(t[0], c)},
                               {"available", money_text(t[1], c)},
                               {"withdrawn", money_text(t[2], c)},
                               {"balance", money_text(t[3], c)}});
    }
    row["totals"] = std::move(by_currency);
    row["lines"] = report.lines.size();
    std::map<std::string, std::size_t> reasons;
    for (const ExcludedEntry& e : report.excluded) {
        ++reasons[*e.reason];
    }
    row["excluded"] = reasons;
    if (per_partner) {
        row["partners"] = std::move(partners);
    }
    return row;
}

std::string excluded_text(const json& row) {
    std::string text;
    for (const auto& [reason, count] : row.at("excluded").items()) {
        text += fmt::format("{}{} {}", text.empty() ? "" : ", ", count.get<std::size_t>(), reason);
    }
    return text.empty() ? "-" : text;
}

// The rows as cells: a header, then one row per variant and currency (and
// partner, with --per-partner); the same for the table and the CSV.
std::vector<std::vector<std::string>> cells_of(const json& rows, const std::vector<Grid>& grids,
                                               bool per_partner) {
    std::vector<std::vector<std::string>> cells(1);
    for (const Grid& g : grids) {
        cells[0].push_back(g.name);
    }
    if (per_partner) {
        cells[0].emplace_back("partner");
    }
    for (const char* column :
         {"currency", "accrued", "available", "withdrawn", "balance", "lines", "excluded"}) {
        cells[0].emplace_back(column);
    }
    for (const json& row : rows) {
        for (const json& figures : row.at(per_partner ? "partners" : "totals")) {
            std::vector<std::string> line;
            for (const auto& [name, value] : row.at("parameters").items()) {
                line.push_back(value.get<std::string>());
            }
            if (per_partner) {
                line.push_back(figures.at("partner"));
            }
            for (const char* key : {"currency", "accrued", "available", "withdrawn", "balance"}) {
                line.push_back(figures.at(key));
            }
            line.push_back(std::to_string(row.at("lines").get<std::size_t>()));
            line.push_back(excluded_text(row));
            cells.push_back(std::move(line));
        }
    }
    return cells;
}

void print_table(const std::vector<std::vector<std::string>>& cells, std::ostream& out) {
    std::vector<std::size_t> widths(cells[0].size(), 0);
    for (const auto& line : cells) {
        for (std::size_t c = 0; c < line.size(); ++c) {
            widths[c] = std::max(widths[c], line[c].size());
        }
    }
    for (const auto& line : cells) {
        std::string text = " ";
        for (std::size_t c = 0; c < line.size(); ++c) {
            text += " " + line[c] + std::string(widths[c] - line[c].size(), ' ');
            text += c + 1 < line.size() ? " " : "";
        }
        while (!text.empty() && text.back() == ' ') {
            text.pop_back();
        }
        out << text << "\n";
    }
}

void print_csv(const std::vector<std::vector<std::string>>& cells, std::ostream& out) {
    for (const auto& line : cells) {
        std::string text;
        for (const std::string& cell : line) {
            text += (text.empty() ? "" : ",") + csv_field(cell);
        }
        out << text << "\n";
    }
}

} // namespace

void run_sweep(const SweepArguments& args, std::ostream& out) {
    std::vector<Grid> grids;
    for (const std::string& text : args.grids) {
        grids.push_back(parse_grid(text));
    }
    // Every variant is loaded and checked before the ledger is read.
    const auto variants = variants_of(grids);
    std::vector<Program> programs;
    programs.reserve(variants.size());
    for (const auto& settings : variants) {
        programs.push_back(load_program(args.program, settings));
    }
    // One read of the ledger (standard input once), every variant walked on it.
    std::optional<SpooledInput> spooled;
    if (args.ledger == "-") {
        spooled.emplace(std::cin, "<stdin>", limits::max_ledger_bytes);
    }
    const Ledger ledger =
        read_ledger(spooled ? spooled->path() : args.ledger, spooled ? "<stdin>" : args.ledger,
                    ledger_rules(programs.front()));
    json rows = json::array();
    for (std::size_t i = 0; i < programs.size(); ++i) {
        EvaluationOptions options;
        options.as_of = as_of_option(args.as_of, programs[i]);
        const Report report = evaluate(programs[i], ledger, options);
        rows.push_back(variant_row(variants[i], report, ledger, args.per_partner));
    }
    if (args.format == "json") {
        out << rows.dump(1) << "\n";
    } else if (args.format == "csv") {
        print_csv(cells_of(rows, grids, args.per_partner), out);
    } else {
        print_table(cells_of(rows, grids, args.per_partner), out);
    }
}

} // namespace accrue
