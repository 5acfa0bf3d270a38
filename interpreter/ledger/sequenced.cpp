#include "interpreter/ledger/sequenced.hpp"

#include "interpreter/ledger/blocks.hpp"
#include "interpreter/ledger/stream.hpp"

#include "interpreter/values/limits.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace accrue::reading {
namespace {

static_assert(limits::max_ledger_bytes <= std::uint64_t{1} << 32,
              "a line's place in the file fits in 32 bits");

constexpr std::size_t first_pass_block_bytes = std::size_t{4} << 20;

bool blank(std::string_view line) {
    return line.find_first_not_of(" \t\r") == line.npos;
}

} // namespace

SequencedLines::SequencedLines(const std::string& path) : path_(path) {
    std::error_code error;
    size_ = std::filesystem::file_size(path, error);
    std::ifstream in(path, std::ios::binary);
    if (error || !in || size_ > limits::max_ledger_bytes) {
        throw NeedsWholeLedger("not a readable file within the limits");
    }
    Blocks blocks(in, limits::max_ledger_bytes, first_pass_block_bytes);
    simdjson::ondemand::parser parser;
    try {
        auto block = without_byte_order_mark(blocks.next());
        if (block && is_json_document(path, *block)) {
            throw NeedsWholeLedger("a JSON document, not JSON Lines");
        }
        for (; block; block = blocks.next()) {
            keep(parser, *block, blocks.bytes() - block->size());
            if (keys_.capacity() == keys_.size() && blocks.bytes() < size_) {
                // As many more as this far into the file promises: no regrowth to double.
                const auto expected = static_cast<std::size_t>(
                    static_cast<unsigned __int128>(keys_.size()) * size_ / blocks.bytes());
                keys_.reserve(expected + expected / 20 + 16);
            }
        }
    } catch (const Blocks::TooLarge&) {
        throw NeedsWholeLedger("too large");
    } catch (const Blocks::LineTooLong&) {
        throw NeedsWholeLedger("a line too long (the whole read names it)");
    }
    std::sort(keys_.begin(), keys_.end(), [](const Key& a, const Key& b) {
        return a.at != b.at ? a.at < b.at : a.place.offset < b.place.offset;
    });
}

void SequencedLines::keep(simdjson::ondemand::parser& parser, simdjson::padded_string_view block,
                          std::uint64_t block_offset) {
    const char* data = block.data();
    const std::size_t size = block.size();
    for (std::size_t begin = 0; begin < size;) {
        const void* newline = std::memchr(data + begin, '\n', size - begin);
        const std::size_t end =
            newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - data) : size;
        const std::string_view line(data + begin, end - begin);
        const Place place{static_cast<std::uint32_t>(block_offset + begin),
                          static_cast<std::uint32_t>(line.size())};
        begin = end + 1;
        if (blank(line)) {
            continue;
        }
        simdjson::ondemand::document document;
        std::string_view type;
        if (parser.iterate(line.data(), line.size(), block.capacity() - (line.data() - data))
                .get(document) ||
            document["type"].get_string().get(type)) {
            throw NeedsWholeLedger("a line without its type");
        }
        if (type == "partner") {
            partners_.push_back(place);
            continue;
        }
        std::string_view at_text;
        std::optional<Instant> at;
        if (document["at"].get_string().get(at_text) || !(at = parse_rfc3339(at_text))) {
            throw NeedsWholeLedger("a timed record without its `at`");
        }
        keys_.push_back({at->micros, place});
    }
}

std::optional<Instant> SequencedLines::last_at() const {
    return keys_.empty() ? std::nullopt : std::optional<Instant>(Instant{keys_.back().at});
}

SequencedLines::Reader::Reader(const SequencedLines& lines, std::size_t block_bytes)
    : lines_(lines), block_bytes_(std::max<std::size_t>(1, block_bytes)),
      descriptor_(::open(lines.path_.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (descriptor_ < 0) {
        throw NeedsWholeLedger("the file cannot be read again");
    }
}

SequencedLines::Reader::~Reader() {
    ::close(descriptor_);
}

void SequencedLines::Reader::append(Place place) {
    const std::size_t wanted = filled_ + place.length + 1 + simdjson::SIMDJSON_PADDING;
    if (buffer_.size() < wanted) {
        buffer_.resize(std::max(wanted, 2 * buffer_.size()));
    }
    std::size_t got = 0;
    while (got < place.length) {
        const ssize_t n = ::pread(descriptor_, buffer_.data() + filled_ + got, place.length - got,
                                  static_cast<off_t>(place.offset + got));
        if (n <= 0) {
            throw NeedsWholeLedger("the file changed while it was read");
        }
        got += static_cast<std::size_t>(n);
    }
    filled_ += place.length;
    buffer_[filled_++] = '\n';
}

std::optional<simdjson::padded_string_view> SequencedLines::Reader::next() {
    filled_ = 0;
    while (filled_ < block_bytes_) {
        if (next_partner_ < lines_.partners_.size()) {
            append(lines_.partners_[next_partner_++]);
        } else if (next_key_ < lines_.keys_.size()) {
            append(lines_.keys_[next_key_++].place);
        } else {
            break;
        }
    }
    if (filled_ == 0) {
        return std::nullopt;
    }
    handed_ += filled_;
    std::memset(buffer_.data() + filled_, 0, simdjson::SIMDJSON_PADDING);
    return simdjson::padded_string_view(buffer_.data(), filled_, buffer_.size());
}

} // namespace accrue::reading
