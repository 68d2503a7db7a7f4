import LicitFuzzing

/// libFuzzer's entry point: one input, the bytes a peer sends the server. See FrameFuzzing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FrameFuzzing.run(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
}

/// LeakSanitizer off: Swift keeps enum tags in the spare bits of pointers, which the leak checker
/// cannot see through, so the exchange's long-lived values (every Data in the store) look leaked.
@_cdecl("__asan_default_options")
public func asanDefaultOptions() -> UnsafePointer<CChar> {
    UnsafeRawPointer(("detect_leaks=0" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self)
}
