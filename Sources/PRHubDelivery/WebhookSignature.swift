import Crypto
import Foundation

/// The signatures of the chat services that sign webhook calls with a shared secret.
public enum WebhookSignature {
    /// Feishu / Lark: base64 of HMAC-SHA256 keyed with `timestamp + "\n" + secret` over no data; the
    /// timestamp in seconds. Both go into the JSON body.
    public static func feishu(secret: String, timestamp: Int) -> String {
        let key = SymmetricKey(data: Data("\(timestamp)\n\(secret)".utf8))
        return Data(HMAC<SHA256>.authenticationCode(for: Data(), using: key)).base64EncodedString()
    }

    /// DingTalk: base64 of HMAC-SHA256 keyed with the secret over `timestamp + "\n" + secret`, the
    /// timestamp in milliseconds; both go into the query, the signature percent-encoded.
    public static func dingTalk(secret: String, timestamp: Int) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        return Data(HMAC<SHA256>.authenticationCode(for: Data("\(timestamp)\n\(secret)".utf8), using: key)).base64EncodedString()
    }

    /// Percent-encoding for a query value (base64's `+`, `/` and `=` included).
    public static func queryEncoded(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
