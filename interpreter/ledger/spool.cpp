#include "interpreter/ledger/spool.hpp"

#include "interpreter/ledger/ledger.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <vector>

namespace accrue {
namespace {

// A temporary file that is already removed: O_TMPFILE where the file system
// has it, otherwise mkstemp and unlink.
int nameless_file(const std::filesystem::path& folder) {
    const int descriptor = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (descriptor >= 0) {
        return descriptor;
    }
    std::string pattern = (folder / "accrue-stdin-XXXXXX").string();
    const int made = ::mkstemp(pattern.data());
    if (made >= 0) {
        ::unlink(pattern.c_str());
    }
    return made;
}

void write_all(int descriptor, const char* data, std::size_t size, const std::string& name) {
    while (size > 0) {
        const ssize_t n = ::write(descriptor, data, size);
        if (n <= 0) {
            throw LedgerError(name, "cannot copy standard input to a temporary file (is the "
                                    "temporary folder full? TMPDIR names another)");
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
}

} // namespace

SpooledInput::SpooledInput(std::istream& in, const std::string& name, std::uint64_t limit) {
    std::error_code error;
    const std::filesystem::path folder = std::filesystem::temp_directory_path(error);
    descriptor_.value = nameless_file(error ? std::filesystem::path("/tmp") : folder);
    if (descriptor_.value < 0) {
        throw LedgerError(name, "cannot make a temporary file to read standard input into "
                                "(TMPDIR names the folder)");
    }
    path_ = fmt::format("/proc/self/fd/{}", descriptor_.value);
    std::vector<char> chunk(std::size_t{1} << 20);
    std::uint64_t copied = 0;
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        copied += got;
        if (copied > limit) {
            throw LedgerError(name, fmt::format("the ledger is larger than {} bytes", limit));
        }
        write_all(descriptor_.value, chunk.data(), got, name);
    }
}

SpooledInput::Descriptor::~Descriptor() {
    if (value >= 0) {
        ::close(value);
    }
}

} // namespace accrue
