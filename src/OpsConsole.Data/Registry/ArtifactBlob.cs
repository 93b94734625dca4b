using OpsConsole.Platform;

namespace OpsConsole.Registry;

/// <summary>An artifact's bytes in the database, for deployments that choose the database store over a shared disk.</summary>
[NotAudited]   // the version row that points here is audited; auditing the blob would copy megabytes into the log
public class ArtifactBlob
{
    public required string Sha256 { get; set; }
    public required byte[] Bytes { get; set; }
}
