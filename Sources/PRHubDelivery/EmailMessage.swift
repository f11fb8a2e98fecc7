import Foundation
import PRHubModel

/// The week's message as an email: multipart/alternative with a plain-text part and an HTML part, UTF-8,
/// both base64-encoded (no line-length or dot-stuffing surprises in the parts), the subject in RFC 2047.
enum EmailMessage {
    static func mime(_ message: WeekMessage, from: String, to: [String], date: Date = Date(), id: String = UUID().uuidString) -> String {
        let boundary = "prhub-\(id)"
        let subject = MarkupText.oneLine(message.heading)
        var lines = [
            "From: \(from)", "To: \(to.joined(separator: ", "))",
            "Subject: =?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?=",
            "Date: \(rfc2822(date))", "Message-ID: <\(id)@prhub>", "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"", "",
        ]
        for (type, text) in [("text/plain", plain(message)), ("text/html", html(message))] {
            lines += ["--\(boundary)", "Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", ""]
            lines += wrapped(Data(text.utf8).base64EncodedString())
        }
        lines += ["--\(boundary)--", ""]
        return lines.joined(separator: "\r\n")
    }

    static func plain(_ message: WeekMessage) -> String {
        MarkdownLines.lines(message, escape: MarkupText.oneLine, link: { "\($0) \($1)" }, bold: { $0 }).joined(separator: "\n\n")
    }

    static func html(_ message: WeekMessage) -> String {
        let lines = MarkdownLines.lines(
            message, escape: HTMLText.escape, link: { "<a href=\"\(HTMLText.escape($1))\">\($0)</a>" }, bold: { "<strong>\($0)</strong>" })
        return "<!doctype html><html lang=\"\(message.language == .zh ? "zh-CN" : "en")\"><meta charset=\"utf-8\"><body>"
            + lines.map { "<p>\($0)</p>" }.joined(separator: "\n") + "</body></html>"
    }

    static func wrapped(_ text: String) -> [String] {
        stride(from: 0, to: text.count, by: 76).map { start in
            let from = text.index(text.startIndex, offsetBy: start)
            return String(text[from..<(text.index(from, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex)])
        }
    }

    static func rfc2822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
