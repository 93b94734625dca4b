using Microsoft.ML.OnnxRuntime;
using OrtSessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace OpsConsole.Registry;

/// <summary>
/// Session options for artifacts uploaded by users. An ONNX initializer may keep its bytes in a file beside the model
/// ("external data"); ONNX Runtime resolves such names against the working directory when a model is loaded from bytes,
/// so an upload could make the server read its own files (the database among them) and serve them back as weights.
/// External data is pointed at an empty folder instead, which makes any such model fail to load.
/// </summary>
public static class OnnxSessionOptions
{
    static readonly string NoExternalData = CreateEmptyFolder();

    public static OrtSessionOptions Create(GraphOptimizationLevel optimization)
    {
        var options = new OrtSessionOptions { GraphOptimizationLevel = optimization };
        options.AddSessionConfigEntry("session.model_external_initializers_file_folder_path", NoExternalData);
        // Idle intra-op threads otherwise spin for a while after each run, taking the core the prediction-log writer
        // and the shadow worker need (docs/benchmarks.md).
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    /// <summary>
    /// For runs off the request path (the shadows): one thread, the caller's, and no spinning, so that such a run never
    /// occupies more than the one low-priority thread that called it (docs/scoring.md, shadow scoring).
    /// </summary>
    public static OrtSessionOptions CreateSingleThreaded(GraphOptimizationLevel optimization)
    {
        var options = Create(optimization);
        options.IntraOpNumThreads = 1;
        options.InterOpNumThreads = 1;
        options.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        return options;
    }

    static string CreateEmptyFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "opsconsole-no-external-data");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(folder)) File.Delete(file);
        return folder;
    }
}
