/// What compiles an example's generated sources into a program: `swiftc` (``Compiler``) in
/// every build the tool makes. Tests of the pipeline around the compiler (cache, cells, pages)
/// may set a stand-in (`BuildSettings.compiler`, ``ExampleRunner``); a book's output never comes
/// from one.
package protocol ProgramCompiler: Sendable {
    /// Flags passed on every compile: part of every cache key.
    var flags: [String] { get }
    /// What identifies the compiler's version: part of every cache key.
    func version() async -> String
    /// Compiles `sources` into the executable `output`, or only type-checks them when `output`
    /// is nil.
    func compile(sources: [String], output: String?, moduleName: String, extraFlags: [String]) async -> CompileOutcome
}

extension Compiler: ProgramCompiler {}
