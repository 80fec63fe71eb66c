import Foundation

/// Which output a folder a stage keeps its state in outside the state folder belongs to (dedup's
/// `index: DIR`): the file `DIR/owner` names it, as the state folder's `output` file names its
/// output (another name, so that an index folder inside a state folder never replaces that file).
///
/// Such a folder holds one corpus's state. Two outputs sharing it corrupted each other in
/// silence: the first run of the second output started the index afresh (its documents only),
/// and the first output's next run, whose manifest names an index generation of the same number,
/// trusted it: its own documents were gone from the index, and copies of them were kept as
/// unique. A run whose output is not the one the folder names is refused (exit 2) while that
/// output's state folder exists; a folder whose output is gone (moved, deleted) is taken over.
public enum SideFolderOwner {
    /// The file in the folder that names its output.
    public static let fileName = "owner"

    /// The output as the owner file names it: an absolute path, its folder's links and `..`
    /// resolved when the folder exists (so that two spellings of one output are one owner).
    public static func identity(of output: String) -> String {
        if let resolved = OutputFiles.canonical(output) { return resolved }
        if output.hasPrefix("/") { return output }
        return FileManager.default.currentDirectoryPath + "/" + output
    }

    /// The output the folder's owner file names, when it names one (a few hundred bytes: a path).
    public static func owner(of folder: String) -> String? {
        guard case .bytes(let data) = SmallFile.read(folder + "/" + fileName, limit: 64 << 10),
              let text = String(bytes: data, encoding: .utf8)?.trimmingCharacters(in: .newlines), !text.isEmpty else { return nil }
        return text
    }

    /// Why `output` may not use `folder` (`what` says what the folder is, "the dedup index"), or
    /// nil: the folder names another output whose state folder exists.
    public static func problem(folder: String, output: String, what: String) -> String? {
        guard let owner = owner(of: folder), owner != identity(of: output) else { return nil }
        let ownerState = OutputFiles(output: owner).stateDirectory
        guard FileManager.default.fileExists(atPath: ownerState) else { return nil }
        // The same output spelled otherwise (named before its folder existed, through a link).
        if let theirs = InputResolver.FolderID(path: ownerState), theirs == InputResolver.FolderID(path: OutputFiles(output: output).stateDirectory) {
            return nil
        }
        return "\(what) \(MessageText.quoted(folder)) belongs to the output \(MessageText.quoted(owner)) (its file '\(fileName)' says so, and that "
            + "output's state folder \(MessageText.quoted(ownerState)) exists), not to \(MessageText.quoted(output)): two outputs cannot share one, "
            + "as a run that starts afresh empties it and the other output's next run would trust what it holds; give this output a folder of "
            + "its own (dedup's 'index' option), or delete \(MessageText.quoted(ownerState)) if that output is gone"
    }

    /// Names `output` as the folder's owner, unless it is already: after `problem` said nothing.
    public static func claim(folder: String, output: String) throws {
        let me = identity(of: output)
        guard owner(of: folder) != me else { return }
        try DurableFile.write(Array((me + "\n").utf8), to: folder + "/" + fileName)
    }
}
