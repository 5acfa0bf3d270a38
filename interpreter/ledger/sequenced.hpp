// The lines of a JSON Lines ledger file in sequence order, whatever order
// the file has them in (issue 11, item 1: the sorted-key fallback). A first
// pass keeps a 16-byte key for each timed line (its `at`, where the line
// starts and how long it is) and the place of each partner line; the keys
// are sorted by `at`, ties by their place in the file, which is file order.
// Each reading then hands out blocks of whole lines, the partners first (in
// file order) and the timed records in sequence order, read again from the
// file by their places. So a ledger out of order is walked as it is read,
// like one in order, in 16 bytes a timed record more.
#pragma once

#include "interpreter/values/time.hpp"

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace accrue::reading {

class SequencedLines {
  public:
    // Where a line is in the file.
    struct Place {
        std::uint32_t offset = 0; // a ledger file has at most 4 GiB (limits.hpp)
        std::uint32_t length = 0;
    };
    struct Key {
        std::int64_t at = 0; // microseconds, as Instant
        Place place;
    };
    static_assert(sizeof(Key) == 16, "one per timed record: keep it small");

    // The first pass over `path`. Throws NeedsWholeLedger (stream.hpp) when a
    // line does not say its type and, for a timed record, its `at`: the
    // whole read names what is wrong with it.
    explicit SequencedLines(const std::string& path);

    // The `at` of the last timed record in sequence order; none: no timed record.
    [[nodiscard]] std::optional<Instant> last_at() const;
    [[nodiscard]] std::uint64_t file_size() const { return size_; }

    // One reading of the lines in sequence order; a file can be read so
    // more than once (a program with period aggregates reads it twice).
    class Reader {
      public:
        Reader(const SequencedLines& lines, std::size_t block_bytes);
        Reader(const Reader&) = delete;
        Reader& operator=(const Reader&) = delete;
        ~Reader();
        // The next block of whole lines, each ending in a newline, padded
        // for simdjson; none: every line was handed out. Valid until the
        // next call. Throws NeedsWholeLedger when the file changed.
        std::optional<simdjson::padded_string_view> next();
        // The bytes of the lines handed out so far.
        [[nodiscard]] std::uint64_t bytes() const { return handed_; }

      private:
        void append(Place place);

        const SequencedLines& lines_;
        std::size_t block_bytes_;
        int descriptor_ = -1;
        std::size_t next_partner_ = 0;
        std::size_t next_key_ = 0;
        std::vector<char> buffer_;
        std::size_t filled_ = 0;
        std::uint64_t handed_ = 0;
    };

  private:
    void keep(simdjson::ondemand::parser& parser, simdjson::padded_string_view block,
              std::uint64_t block_offset);

    std::string path_;
    std::uint64_t size_ = 0;
    std::vector<Place> partners_; // in file order
    std::vector<Key> keys_;       // in sequence order
};

} // namespace accrue::reading
