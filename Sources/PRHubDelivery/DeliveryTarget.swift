/// Where a hub delivers: a chat webhook, with its secret when the service signs requests.
public struct DeliveryTarget: Sendable, Equatable {
    /// The name the hub config gives it; the only way it is named in messages and the ledger (its URL and
    /// secret are credentials).
    public var id: String
    public var channel: ChatChannel
    public var url: String
    public var secret: String?
    /// For email: the sender and the recipients.
    public var from: String?
    public var to: [String]

    public init(id: String, channel: ChatChannel, url: String, secret: String? = nil, from: String? = nil, to: [String] = []) {
        self.id = id
        self.channel = channel
        self.url = url
        self.secret = secret
        self.from = from
        self.to = to
    }
}

/// A delivery that failed; its message names the target, never its URL or secret.
public struct DeliveryError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
