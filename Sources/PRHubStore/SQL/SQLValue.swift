import Foundation

/// A value bound to a statement or read from a row, the same for every engine. Booleans are stored as
/// integers 0/1 and times as Unix seconds, so SQLite and PostgreSQL hold the very same values.
enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// A Swift value that can be bound to a statement.
protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

/// A Swift value that can be read from a column. Throws when the column holds something else.
protocol SQLReadable {
    init(sqlValue: SQLValue) throws
}

struct SQLTypeMismatch: Error, CustomStringConvertible {
    var expected: String
    var found: SQLValue
    var description: String { "expected \(expected) in a column, found \(found)" }
}

extension Int64: SQLBindable, SQLReadable {
    var sqlValue: SQLValue { .integer(self) }
    init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .integer(let value): self = value
        case .real(let value) where value.rounded() == value && abs(value) < 9.0e18: self = Int64(value)
        default: throw SQLTypeMismatch(expected: "an integer", found: sqlValue)
        }
    }
}

extension Int: SQLBindable, SQLReadable {
    var sqlValue: SQLValue { .integer(Int64(self)) }
    init(sqlValue: SQLValue) throws { self = Int(try Int64(sqlValue: sqlValue)) }
}

extension Double: SQLBindable, SQLReadable {
    var sqlValue: SQLValue { .real(self) }
    init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .real(let value): self = value
        case .integer(let value): self = Double(value)
        default: throw SQLTypeMismatch(expected: "a number", found: sqlValue)
        }
    }
}

extension Bool: SQLBindable, SQLReadable {
    var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    init(sqlValue: SQLValue) throws { self = try Int64(sqlValue: sqlValue) != 0 }
}

extension String: SQLBindable, SQLReadable {
    var sqlValue: SQLValue { .text(self) }
    init(sqlValue: SQLValue) throws {
        guard case .text(let value) = sqlValue else { throw SQLTypeMismatch(expected: "text", found: sqlValue) }
        self = value
    }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

extension Optional: SQLReadable where Wrapped: SQLReadable {
    init(sqlValue: SQLValue) throws {
        self = sqlValue == .null ? nil : try Wrapped(sqlValue: sqlValue)
    }
}

/// One row of a result, read by column position (looking columns up by name was most of the cost of a load).
struct SQLRow: Sendable {
    var values: [SQLValue]

    subscript<T: SQLReadable>(_ index: Int) -> T {
        get throws { try T(sqlValue: values[index]) }
    }
}
