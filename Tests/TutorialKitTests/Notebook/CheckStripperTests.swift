import Testing
@testable import TutorialServe

/// A learner's run takes the author's checks out of hidden cells: statements that call a check
/// and declare nothing go blank (lines keep their numbers); declarations stay.
@Suite struct CheckStripperTests {
    @Test func checksGoBlankAndDeclarationsStay() {
        let code = """
            // the author's check
            precondition(total == 6, "the prose says six")
            func helper() -> Int { fatalError("never") }
            let measured = helper()
            guard measured > 0 else {
                fatalError("the prose says it is positive")
            }
            for value in [1, 2] { assert(value > 0) }
            print("kept")

            """
        let stripped = CheckStripper.strip(code)
        #expect(stripped.split(separator: "\n", omittingEmptySubsequences: false).count
                == code.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(!stripped.contains("precondition") && !stripped.contains("guard") && !stripped.contains("assert"))
        #expect(stripped.contains("// the author's check"))
        #expect(stripped.contains("func helper() -> Int { fatalError(\"never\") }"))
        #expect(stripped.contains("let measured = helper()") && stripped.contains("print(\"kept\")"))
        // print(...) sits on the line it had.
        let lines = stripped.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[8] == "print(\"kept\")", "\(lines)")
    }

    @Test func aNameThatIsNotACallIsNotACheck() {
        let code = "let exit = 3\nprint(exit)\n"
        #expect(CheckStripper.strip(code) == code)
    }
}
