/// Where a hub delivers: a chat webhook, with its secret when the service signs requests.
public struct DeliveryTarget: Sendable, Equatable {
    /// The name the hub config gives it; the only way it is named in messages and the ledger (its URL and
    /// secret are credentials).
    public var id: String
    public var channel: ChatChannel
    public var url: String
    public var secret: String?

    public init(id: String, channel: ChatChannel, url: String, secret: String? = nil) {
        self.id = id
        self.channel = channel
        self.url = url
        self.secret = secret
    }
}

/// A delivery that failed; its message names the target, never its URL or secret.
public struct DeliveryError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
