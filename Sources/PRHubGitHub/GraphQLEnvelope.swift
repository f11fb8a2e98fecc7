/// A GraphQL request body.
struct GraphQLRequest: Encodable {
    var query: String
    var variables: [String: GraphQLValue]
}

/// The variable values PRHub sends.
public enum GraphQLValue: Encodable, Sendable, Equatable {
    case string(String)
    case int(Int)
    case null

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}

/// `{"data": …, "errors": [{"type", "message"}]}` as GitHub answers every GraphQL request.
struct GraphQLEnvelope<T: Decodable>: Decodable {
    struct Failure: Decodable {
        var type: String?
        var message: String?
    }
    var data: T?
    var errors: [Failure]?
}

/// `rateLimit { cost remaining resetAt }`, asked for in every query so each reply says what it cost.
public struct RateLimitNode: Decodable, Sendable {
    public var cost: Int?
    public var remaining: Int?
    public var resetAt: String?
}

/// A query result that carries its own cost.
public protocol GraphQLCosted {
    var rateLimit: RateLimitNode? { get }
}
