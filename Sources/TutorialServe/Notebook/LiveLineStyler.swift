import Synchronization
import TutorialExecution
import TutorialRender
import TutorialSupport

/// The HTML of each live line of a notebook run, its terminal colours shown as the finished
/// block shows them: a colour set on one line goes on in the next line of the same stream.
final class LiveLineStyler: Sendable {
    private let styles = Mutex<[OutputChannel: ANSIStyle]>([:])

    /// `text`, a line of `stream`, escaped, its SGR sequences turned into styled spans.
    func html(_ text: String, stream: OutputChannel) -> String {
        styles.withLock { styles in
            var style = styles[stream] ?? ANSIStyle()
            let html = ANSIHTML.html(text, style: &style)
            styles[stream] = style
            return html
        }
    }
}
