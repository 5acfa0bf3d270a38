// Standard input copied to a file, so that it can be read like a ledger file:
// from its end (the default as-of), and again (by sorted keys, or whole
// after a streamed pass gave up). The file has no name: it is removed as soon
// as it is made and lives while it is open, so nothing is left behind
// however the process ends; it is read by its path /proc/self/fd/N.
#pragma once

#include <cstdint>
#include <istream>
#include <string>

namespace accrue {

class SpooledInput {
  public:
    // Copies all of `in`; throws LedgerError (naming `name`) past `limit`
    // bytes or when no temporary file can be written.
    SpooledInput(std::istream& in, const std::string& name, std::uint64_t limit);
    SpooledInput(const SpooledInput&) = delete;
    SpooledInput& operator=(const SpooledInput&) = delete;
    ~SpooledInput() = default;

    [[nodiscard]] const std::string& path() const { return path_; }

  private:
    // Closed however the constructor ends.
    struct Descriptor {
        int value = -1;
        Descriptor() = default;
        Descriptor(const Descriptor&) = delete;
        Descriptor& operator=(const Descriptor&) = delete;
        ~Descriptor();
    };

    Descriptor descriptor_;
    std::string path_;
};

} // namespace accrue
