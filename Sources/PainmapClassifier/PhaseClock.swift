import Foundation

/// TEMPORARY profiling aid: prints phase times to standard error when PAINMAP_PHASES is set.
public enum PhaseClock {
    nonisolated(unsafe) static var last = DispatchTime.now().uptimeNanoseconds
    static let on = ProcessInfo.processInfo.environment["PAINMAP_PHASES"] != nil
    public static func mark(_ name: String) {
        guard on else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        FileHandle.standardError.write("phase \(name): \(Double(Int64(bitPattern: now &- last)) / 1e6) ms\n".data(using: .utf8)!)
        last = now
    }
}
