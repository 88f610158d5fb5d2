import ArgumentParser
import Foundation
import TutorialBuild
import TutorialExecution

@main
struct Tutorial: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tutorial",
        abstract: "Turn Markdown chapters with Swift cells into a static site holding the cells' real output.",
        subcommands: [BuildCommand.self, RunCommand.self, ListCommand.self, CheckCommand.self, CleanCommand.self, ServeCommand.self, InitCommand.self]
    )

    /// What a bare `--rerun` stands for: no example can have this name.
    static let rerunAll = "*"

    /// `--rerun` takes an optional name, which ArgumentParser cannot express: a bare `--rerun`
    /// (last, or followed by another option) becomes `--rerun=*`.
    static func main() async {
        // Before anything starts a process: the secret leaves the environment children inherit.
        _ = SharingSettings.environmentKey
        var arguments = Array(CommandLine.arguments.dropFirst())
        for index in arguments.indices where arguments[index] == "--rerun" {
            let next = index + 1 < arguments.count ? arguments[index + 1] : nil
            if next == nil || next!.hasPrefix("-") { arguments[index] = "--rerun=\(rerunAll)" }
        }
        // A negative size ("--memory-limit -1") is taken as the option's value, to be refused
        // with a message that says why, not as an unknown option.
        for index in arguments.indices.dropLast().reversed() where BookOptions.sizeOptions.contains(arguments[index]) {
            let next = arguments[index + 1]
            if next.hasPrefix("-"), next.dropFirst().first.map({ $0.isNumber || $0 == "." }) == true {
                arguments[index...index + 1] = ["\(arguments[index])=\(next)"]
            }
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

/// Options every command that reads the book takes.
struct BookOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder holding the chapters (NN-slug.md).", valueName: "dir"))
    var chapters: String = "chapters"

    @Option(name: .long, help: ArgumentHelp("The cache folder for generated programs and results (default: .tutorial-cache beside the chapters folder).", valueName: "dir"))
    var cacheDir: String?

    @Option(name: .long, help: ArgumentHelp("Seconds an example may run before all its processes are killed.", valueName: "seconds"))
    var timeout: Double = ExampleRunner.defaultTimeout

    @Option(name: .long, help: ArgumentHelp(
        "Memory a run may use, all its processes together, e.g. 2G or 512M; 0 for no limit.", valueName: "size"))
    var memoryLimit: String = "2G"

    @Option(name: .long, help: ArgumentHelp(
        "Bytes a run may write into its scratch and temporary folders, e.g. 1G or 64M; 0 for no limit.", valueName: "size"))
    var diskLimit: String = "1G"

    @Option(name: .long, help: ArgumentHelp("Seconds a compile may take before the compiler and all its processes are killed.", valueName: "seconds"))
    var compileTimeout: Double = Compiler.defaultTimeout

    @Option(name: .long, help: ArgumentHelp(
        "Run each example on this many cores only, which is all its programs see (to try a book on a one-core machine).",
        valueName: "n"))
    var cpus: Int?

    /// The options that take a size.
    static let sizeOptions: Set<String> = ["--memory-limit", "--disk-limit"]

    /// The longest `--timeout` accepted: a day.
    static let maxTimeout: Double = 86_400

    func validate() throws {
        guard timeout.isFinite, timeout > 0, timeout <= Self.maxTimeout else {
            throw ValidationError("--timeout must be a number of seconds greater than 0 and at most \(Int(Self.maxTimeout)), not '\(timeout)'")
        }
        guard compileTimeout.isFinite, compileTimeout > 0, compileTimeout <= Self.maxTimeout else {
            throw ValidationError("--compile-timeout must be a number of seconds greater than 0 and at most \(Int(Self.maxTimeout)), not '\(compileTimeout)'")
        }
        if let cpus {
            let cores = ExampleRunner.usableCores
            guard (1...cores).contains(cpus) else {
                throw ValidationError("--cpus must be between 1 and \(cores) (the cores this process may use), not \(cpus)")
            }
        }
        do {
            _ = try MemorySize.limit(memoryLimit, option: "--memory-limit")
            _ = try MemorySize.limit(diskLimit, option: "--disk-limit")
        } catch {
            throw ValidationError(error.message)
        }
    }

    func settings(output: String = "site", jobs: Int? = nil) -> BuildSettings {
        var settings = BuildSettings(chapters: chapters, output: output, cacheRoot: cacheDir, timeout: timeout)
        // validate() has refused any other value.
        let memory = (try? MemorySize.limit(memoryLimit, option: "--memory-limit")) ?? .defaultLimit
        let disk = (try? MemorySize.limit(diskLimit, option: "--disk-limit")) ?? .defaultDiskLimit
        settings.memoryLimit = memory.bytes > 0 ? memory.bytes : nil
        settings.diskLimit = disk.bytes > 0 ? disk.bytes : nil
        settings.compileTimeout = compileTimeout
        settings.cpus = cpus
        if let cpus, !ExampleRunner.runsSeeTheirCores {
            Terminal.say(
                "warning: --cpus \(cpus): runs go on \(cpus) of this machine's cores, but their programs still see all "
                    + "\(ExampleRunner.usableCores) (Swift's pool keeps that many threads); run the tool as root to show them \(cpus)")
        }
        if let jobs { settings.jobs = max(jobs, 1) }
        return settings
    }
}
