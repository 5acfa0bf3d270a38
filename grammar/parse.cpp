// From text to AST: the limits first, then PEGTL's parse tree of the
// grammar, the builder, and the libraries the program imports.
#include "grammar/parse.hpp"

#include "grammar/builder.hpp"
#include "grammar/lexer.hpp"
#include "grammar/libraries.hpp"
#include "interpreter/values/limits.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace accrue {
namespace {

using namespace grammar;

// Where a syntax error is reported: the parser stops after the layout that
// follows the last token, which may be lines further down; the user's
// mistake is right after that token.
SourcePos after_last_token(const std::string& text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t end = without_trailing_layout(std::string_view(text).substr(0, offset)).size();
    if (text.find('\n', end) >= offset) {
        end = offset; // still on the same line: keep the parser's column
    }
    return position_of(text, end);
}

} // namespace

ProgramError syntax_error(const SourceFile& source, std::size_t byte, std::string message,
                          bool at_the_byte) {
    const SourcePos pos = at_the_byte ? position_of(source.text, std::min(byte, source.text.size()))
                                      : after_last_token(source.text, byte);
    return ProgramError(source, {Diagnostic{pos, std::move(message), {}}});
}

Program parse_program(const SourceFile& source, const std::vector<ParameterSetting>& settings) {
    Program program;
    program.file = source.path;
    check_limits(source);
    tao::pegtl::memory_input input(source.text, source.path);
    try {
        auto root =
            pt::parse<grammar::program_file, selector, tao::pegtl::nothing, grammar::control>(
                input);
        if (!root) {
            throw ProgramError(source,
                               {Diagnostic{{1, 1, 1}, "a program starts with `program NAME`", {}}});
        }
        Builder builder(program);
        builder.build_file(*root);
        if (builder.has_errors()) {
            throw ProgramError(source, builder.take_errors());
        }
        use_libraries(program, source);
        apply_parameters(program, source, settings);
    } catch (const tao::pegtl::parse_error& error) {
        throw syntax_error(source, error.positions().front().byte, std::string(error.message()),
                           dynamic_cast<const grammar::mistake_error*>(&error) != nullptr);
    }
    return program;
}

} // namespace accrue
