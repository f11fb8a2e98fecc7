extension StringProtocol {
    /// The text without whitespace and newlines at either end: the scalars of Unicode's White_Space (the
    /// set Foundation's `.whitespacesAndNewlines` names), found from each end without bridging the text.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first...last])
        return String(view)
    }
}
