#pragma once

#include "interpreter/values/currency.hpp"
#include "interpreter/values/decimal.hpp"
#include "interpreter/values/time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>

namespace accrue::reporting {

// A small JSON writer: report.md fixes the fields and their order, so
// writing them directly is both clear and fast (a million lines in a few
// hundred milliseconds).
class JsonWriter {
  public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    // What is written and not yet handed on (Drain empties it between values).
    std::string& text() { return out_; }

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
        // Most texts need no escape: appended whole, up to the first that does.
        const auto plain = std::find_if(text.begin(), text.end(), [](char c) {
            return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
        });
        out_.append(text.begin(), plain);
        text.remove_prefix(static_cast<std::size_t>(plain - text.begin()));
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

} // namespace accrue::reporting
