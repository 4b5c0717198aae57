extension Array {
    /// Empties an array that is reused from one document to the next and holds a few elements (a document's
    /// sentences or their scores), keeping its buffer. One `removeLast` at a time: each is a count decrement
    /// inlined at the call, where `removeAll(keepingCapacity: true)` went through the generic
    /// `replaceSubrange` with an empty collection and a memmove, ~66-85 instructions a document of
    /// `painmap sentiment` (callgrind). For arrays of many elements `removeAll(keepingCapacity:)` is right.
    @inlinable
    public mutating func removeAllFew() {
        while !isEmpty { removeLast() }
    }
}
