import ArgumentParser
import Foundation
import TutorialBuild
import TutorialModel
import TutorialSite

/// Writing to the terminal's streams.
enum Terminal {
    /// A line on stderr: progress, summaries and problems alike (stdout is for what a command lists).
    static func say(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { say(diagnostic.description) }
    }

    /// Runs a build, prints its diagnostics (past those of loading, printed already), and
    /// returns its report; a build that cannot finish prints why and exits with status 1.
    static func build(_ project: Project, _ body: () async throws(DiagnosticsError) -> BuildReport) async throws -> BuildReport {
        do {
            let report = try await body()
            print(Array(report.diagnostics.dropFirst(project.diagnostics.count)))
            return report
        } catch {
            print(error.diagnostics)
            throw ExitCode.failure
        }
    }

    /// Checks that the site may go to the output folder, then takes the output's lock (waiting,
    /// with a word, while another build writes there); or prints why not and exits with status 1.
    static func lockOutput(_ settings: BuildSettings) throws -> BuildLock {
        do {
            try settings.checkFolders()
            return try BuildLock(output: settings.output) {
                say("tutorial: another build is writing \(settings.output)/; waiting for it to finish")
            }
        } catch {
            print(error.diagnostics)
            throw ExitCode.failure
        }
    }

    /// Loads the book, or prints why it cannot and exits with status 1.
    static func loadProject(_ settings: BuildSettings, forRunning: Bool = true) throws -> Project {
        do {
            let project = try Project.load(settings, forRunning: forRunning)
            print(project.diagnostics)
            return project
        } catch {
            print(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

