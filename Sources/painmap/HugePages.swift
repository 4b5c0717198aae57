#if canImport(Glibc)
import Glibc
#endif

/// Runs the process again with glibc's malloc asking for transparent huge pages (the tunable
/// `glibc.malloc.hugetlb=1`: malloc marks its heaps and large blocks `MADV_HUGEPAGE`), for commands that
/// build ~100 MB of short-lived arrays.
///
/// Why: training on banking77 with the defaults touched ~110 MB of fresh memory, ~28,500 page faults, and
/// the kernel's faulting and clearing of 4 KB pages was a quarter of the process's CPU time (perf, cpu-clock:
/// clear_page 18%, fault handling 8%). With the tunable: ~17,000 faults and 650 instead of 800 ms of CPU
/// (perf stat task-clock), for the same output. glibc reads its tunables only when a process starts, so the
/// only way to set it for ourselves is to start again with it in the environment, before any work (an exec
/// of this binary costs a few ms). Does nothing when the tunable is already set (by the user, or by the
/// first start), when `PAINMAP_NO_HUGE_PAGES` is set, or when the exec fails: the command then simply runs
/// with the pages it has.
enum HugePages {
    static let tunable = "glibc.malloc.hugetlb"

    static func restartWithThemIfNeeded() {
        #if os(Linux)
        if getenv("PAINMAP_NO_HUGE_PAGES") != nil { return }
        let current = getenv("GLIBC_TUNABLES").map { String(cString: $0) } ?? ""
        if current.contains(tunable) { return }
        let value = current.isEmpty ? "\(tunable)=1" : "\(current):\(tunable)=1"
        guard setenv("GLIBC_TUNABLES", value, 1) == 0 else { return }
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Only reached when the exec failed: go on as we are, without leaving the tunable for children.
        if current.isEmpty { unsetenv("GLIBC_TUNABLES") } else { setenv("GLIBC_TUNABLES", current, 1) }
        #endif
    }
}
