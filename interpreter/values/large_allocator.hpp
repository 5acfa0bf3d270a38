// An allocator for the few arrays that grow with the ledger (records, the id
// table): an array of megabytes is aligned to 2 MiB and offered to the
// kernel for transparent huge pages, so that random access into it misses
// the TLB a few hundred times less often. Smaller arrays are allocated as
// usual.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>

#include <sys/mman.h>

namespace accrue {

template <typename T> struct LargeAllocator {
    using value_type = T;
    static constexpr std::size_t huge_page = std::size_t{2} << 20;

    LargeAllocator() = default;
    template <typename U> explicit LargeAllocator(const LargeAllocator<U>& /*other*/) {}

    T* allocate(std::size_t n) {
        const std::size_t bytes = n * sizeof(T);
        if (bytes < 2 * huge_page) {
            return static_cast<T*>(::operator new(bytes));
        }
        const std::size_t rounded = (bytes + huge_page - 1) / huge_page * huge_page;
        void* memory = std::aligned_alloc(huge_page, rounded);
        if (memory == nullptr) {
            throw std::bad_alloc();
        }
#ifdef MADV_HUGEPAGE
        madvise(memory, rounded, MADV_HUGEPAGE); // a hint: refused, the pages stay small
#endif
        return static_cast<T*>(memory);
    }
    void deallocate(T* memory, std::size_t n) {
        if (n * sizeof(T) < 2 * huge_page) {
            ::operator delete(memory);
        } else {
            std::free(memory);
        }
    }
    friend bool operator==(const LargeAllocator&, const LargeAllocator&) {
        return true;
    }
};

} // namespace accrue
