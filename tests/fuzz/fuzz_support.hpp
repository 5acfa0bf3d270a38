// What the ledger and diff fuzz targets share: the rotating set of programs,
// the choices one input byte makes, long texts from short inputs, and the
// scratch file a streamed read needs.
#pragma once

#include "cli/pipeline.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace accrue::fuzz {

// Every program of the repository that loads: the vendor programs, the
// examples and the golden programs, in a fixed order.
inline const std::vector<std::string>& rotating_paths() {
    static const std::vector<std::string> paths = [] {
        std::vector<std::string> found;
        for (const char* folder : {"programs", "programs/examples", "tests/golden"}) {
            const std::filesystem::path dir = std::filesystem::path(ACCRUE_SOURCE_DIR) / folder;
            for (const auto& entry : std::filesystem::directory_iterator(dir)) {
                if (entry.path().extension() == ".accrue") {
                    found.push_back(entry.path().string());
                }
            }
        }
        std::sort(found.begin(), found.end());
        return found;
    }();
    return paths;
}

inline const std::vector<Program>& rotating_programs() {
    static const std::vector<Program> loaded = [] {
        std::vector<Program> all;
        for (const std::string& path : rotating_paths()) {
            all.push_back(load_program(path));
        }
        return all;
    }();
    return loaded;
}

// One byte's choices: bits 0-4 the program, 5-6 the length of long texts,
// 7 a block of 1 byte (a block boundary after every line) or of 64 bytes.
struct Choice {
    explicit Choice(std::uint8_t byte) : program(byte & 0x1F), bits(byte) {}

    [[nodiscard]] std::size_t long_text_bytes() const {
        constexpr std::size_t lengths[] = {16383, 16384, 16385, 65537};
        return lengths[(bits >> 5) & 3];
    }
    [[nodiscard]] std::size_t block_bytes() const { return (bits & 0x80) != 0 ? 1 : 64; }

    std::size_t program;
    std::uint8_t bits;
};

// The text with each `@@` replaced by `length` letters: ids, visitors and
// customers as long as the arenas' thresholds, from a short input.
inline std::string with_long_texts(std::string_view text, std::size_t length) {
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t marker = text.find("@@", at);
        out.append(text.substr(at, marker - at));
        if (marker == std::string_view::npos) {
            break;
        }
        out.append(length, 'L');
        at = marker + 2;
    }
    return out;
}

// The text in this process's scratch file (a streamed read needs a file);
// its path, named .jsonl as the whole read's text is.
inline const std::string& scratch_file(std::string_view text) {
    static const std::string path = (std::filesystem::temp_directory_path() /
                                     ("accrue-fuzz-" + std::to_string(getpid()) + ".jsonl"))
                                        .string();
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(text.data(), static_cast<std::streamsize>(text.size()));
    return path;
}

} // namespace accrue::fuzz
