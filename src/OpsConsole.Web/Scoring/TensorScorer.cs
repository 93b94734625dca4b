using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace OpsConsole.Scoring;

/// <summary>How a V2 infer request ended: the response and which stage served it, or a status with the protocol's error text.</summary>
public sealed record TensorScoreResult(V2InferResponse? Response, string? ServedBy, int Status, string? Error);

/// <summary>
/// A tensor-form request from code in this process: ONNX Runtime tensors (<c>DenseTensor</c> of a V2 datatype) as they
/// are, with no JSON on the way. The shadows score the same tensors later, so they must not change after the call.
/// </summary>
public sealed record TensorInferRequest(string? Id, IReadOnlyList<NamedOnnxValue> Inputs, IReadOnlyList<string>? Outputs);

/// <summary>
/// The V2 tensor form of scoring for any ONNX model: checks tensors against the version's declared inputs, serves along
/// the chain (or one named version), logs a prediction per row with summary statistics of each input tensor instead of
/// the tensor, and hands the request to the shadows. A model's default label does not apply here: the outputs of an
/// arbitrary model have no constant stand-in, so when no version can serve the answer is 503 with the reasons.
/// </summary>
public sealed class TensorScorer(
    ServingDirectory directory, ModelHost host, PredictionLogWriter log, ShadowQueue shadows, ScoringMetrics metrics, LiveTraffic traffic,
    IOptions<ScoringOptions> options, TimeProvider time, ILogger<TensorScorer> logger)
{
    /// <summary>The V2 JSON form: the data is read into tensors once, then scored as <see cref="InferAsync(string, int?, TensorInferRequest, CancellationToken)"/> scores them.</summary>
    public Task<TensorScoreResult> InferAsync(string model, int? pinnedVersion, V2InferRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (TooLong(request.Id) is { } tooLong) return tooLong;
        if (request.Inputs?.Any(i => i is null) == true || request.Outputs?.Any(o => o is null) == true)
            return Task.FromResult(new TensorScoreResult(null, null, StatusCodes.Status400BadRequest, "An input or output entry is null; send objects."));
        var inputs = request.Inputs ?? [];
        var requested = inputs.Select(i => new RequestedInput(i.Name, i.Datatype, i.Shape, V2Tensors.Count(i.Data))).ToList();
        List<NamedOnnxValue>? converted = null;
        // Called only once the request has passed a version's checks, so names, datatypes and shapes are known good; the
        // tensors do not depend on the version, so a fallback reuses them.
        (List<NamedOnnxValue>?, string?) Convert()
        {
            if (converted is not null) return (converted, null);
            var values = new List<NamedOnnxValue>(inputs.Count);
            for (var n = 0; n < inputs.Count; n++)
            {
                var (value, error) = V2Tensors.ToOnnx(inputs[n].Name!, inputs[n].Datatype!, inputs[n].Shape!, inputs[n].Data, requested[n].DataLength);
                if (value is null) return (null, error);
                values.Add(value);
            }
            return (converted = values, null);
        }
        return ScoreAsync(model, pinnedVersion, request.Id, request.Outputs?.Select(o => o.Name).ToList(), requested, Convert, started, cancellationToken);
    }

    /// <summary>
    /// The tensor form for code in this process, and the one path both forms take: the tensors are checked against the
    /// version's declared inputs as V2 JSON inputs are, served along the chain, logged and shadowed.
    /// </summary>
    public Task<TensorScoreResult> InferAsync(string model, int? pinnedVersion, TensorInferRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (TooLong(request.Id) is { } tooLong) return tooLong;
        if (request.Inputs.Any(i => i is null) || request.Outputs?.Any(o => o is null) == true)
            return Task.FromResult(new TensorScoreResult(null, null, StatusCodes.Status400BadRequest, "An input or output entry is null; send objects."));
        List<NamedOnnxValue> values = [.. request.Inputs];
        return ScoreAsync(model, pinnedVersion, request.Id, request.Outputs, [.. values.Select(TensorInputs.Describe)], () => (values, null), started, cancellationToken);
    }

    async Task<TensorScoreResult> ScoreAsync(string model, int? pinnedVersion, string? requestId, IReadOnlyList<string?>? wanted,
        IReadOnlyList<RequestedInput> requested, Func<(List<NamedOnnxValue>? Values, string? Error)> tensors, long started, CancellationToken cancellationToken)
    {
        var plan = await directory.GetAsync(model, cancellationToken);
        if (plan is null) return new(null, null, StatusCodes.Status404NotFound, $"There is no model named '{model}'.");
        IReadOnlyList<ServingCandidate> chain;
        if (pinnedVersion is { } pinned)
        {
            if (!plan.Versions.TryGetValue(pinned, out var named)) return new(null, null, StatusCodes.Status404NotFound, $"'{model}' has no version {pinned}.");
            chain = [new ServingCandidate(pinned, named.Stage)];
        }
        else
        {
            chain = plan.ChainFor(requestId ?? PredictionIds.New());
            if (chain.Count == 0) return new(null, null, StatusCodes.Status503ServiceUnavailable, $"'{model}' has no version in production; promote one, or call /versions/{{version}}/infer.");
        }

        var timeout = TimeSpan.FromMilliseconds(plan.Policy.TimeoutMs ?? options.Value.DefaultTimeoutMs);
        var failures = new List<string>();
        string? firstKind = null;
        foreach (var candidate in chain)
        {
            var (hosted, loadError) = await host.GetAsync(model, candidate.Version, cancellationToken);
            if (hosted is null)
            {
                firstKind ??= "unavailable";
                failures.Add($"v{candidate.Version}: {loadError}");
                continue;
            }
            var errors = Check(hosted, requested, wanted);
            var (values, error) = errors is null ? tensors() : (null, errors);
            if (values is null)
            {
                // A bad request is the caller's to fix, and only the first version's answer counts for it.
                if (candidate == chain[0])
                {
                    traffic.Rejected(model);
                    metrics.Rejected(model, candidate.Version);
                    return new(null, null, StatusCodes.Status400BadRequest, error);
                }
                firstKind ??= "contract";
                failures.Add($"v{candidate.Version}: {error}");
                continue;
            }
            var ran = time.GetTimestamp();
            var (outputs, kind, runError) = SessionRunner.Run(hosted, values, timeout, time);
            var runMs = time.GetElapsedTime(ran).TotalMilliseconds;
            if (outputs is null)
            {
                firstKind ??= kind == RunFailure.Timeout ? "timeout" : "fault";
                var failure = kind == RunFailure.Timeout ? $"timeout: {runError}" : runError!;
                ScoringLog.VersionFailed(logger, model, candidate.Version, failure);
                failures.Add(failure);
                continue;
            }
            V2InferResponse response;
            IReadOnlyList<RowPrediction> rows;
            using (outputs)
            {
                response = new V2InferResponse(model, candidate.Version.ToString(CultureInfo.InvariantCulture), requestId,
                    [.. outputs.Where(o => wanted is not { Count: > 0 } || wanted.Contains(o.Name)).Select(V2Tensors.FromOnnx)]);
                rows = PredictionReader.Read([.. outputs], plan.Versions[candidate.Version].Labels);
            }
            var fellBack = failures.Count > 0;
            if (fellBack) metrics.FellBack(model, chain[0].Version, firstKind!, failures[0], candidate.ServedBy, candidate.Version);
            await LogAsync(plan, candidate, requestId, values, rows, fellBack, pinnedVersion, runMs, started, cancellationToken);
            return new(response, candidate.ServedBy, StatusCodes.Status200OK, null);
        }
        metrics.FellBack(model, chain[0].Version, firstKind ?? "unavailable", failures.FirstOrDefault() ?? "no version", null, null);
        traffic.Failed(model);
        metrics.Error(model, chain[0].Version, "failed");
        return new(null, null, StatusCodes.Status503ServiceUnavailable, $"No version of {model} could serve this request: {string.Join("; ", failures)}");
    }

    static Task<TensorScoreResult>? TooLong(string? requestId) => requestId is { Length: > PredictionLimits.RequestIdLength }
        ? Task.FromResult(new TensorScoreResult(null, null, StatusCodes.Status400BadRequest, $"An id is at most {PredictionLimits.RequestIdLength} characters."))
        : null;

    static string? Check(HostedVersion hosted, IReadOnlyList<RequestedInput> requested, IReadOnlyList<string?>? wanted)
    {
        var declared = hosted.Inputs.Select(i => new DeclaredInput(i.Name, i.Type, i.Shape)).ToList();
        var errors = TensorRequestRules.Check(declared, requested);
        var unknown = wanted?.Where(w => hosted.Outputs.All(o => o.Name != w)).Take(1).ToList();
        if (unknown is [var name]) errors = [.. errors, $"The model has no output '{name}'."];
        return errors.Count > 0 ? string.Join(" ", errors) : null;
    }

    async Task LogAsync(ServingPlan plan, ServingCandidate served, string? requestId, List<NamedOnnxValue> values,
        IReadOnlyList<RowPrediction> rows, bool fellBack, int? pinned, double runMs, long started, CancellationToken cancellationToken)
    {
        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
        var perRow = elapsed / Math.Max(1, rows.Count);
        var at = time.GetUtcNow();
        // Per input, one summary per row when the tensor splits evenly into the prediction rows, else one for the whole tensor.
        var summaries = values.Select(v => (v.Name, Rows: TensorInputs.PerRow(v, rows.Count))).ToList();
        var features = new List<string>(rows.Count);
        var ids = new List<string?>(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var json = LogJson.Summaries(summaries, r);
            var id = PredictionIds.New();
            features.Add(json);
            ids.Add(id);
            await log.EnqueueAsync(new PredictionRecord
            {
                Id = id, Model = plan.Model, Version = served.Version, ServedBy = served.ServedBy, At = at, FeaturesJson = json, Label = PredictionLimits.Clip(rows[r].Label),
                ProbabilitiesJson = LogJson.Probabilities(rows[r].Probabilities),
                Confidence = rows[r].Confidence, Value = rows[r].Value, LatencyMs = perRow, InferenceMs = runMs / Math.Max(1, rows.Count), RequestId = requestId,
            }, cancellationToken);
        }
        traffic.Served(plan.Model, served.ServedBy, rows.Count, elapsed, fellBack);
        metrics.Served(plan.Model, served.Version, served.ServedBy, rows.Count, elapsed);
        var shadowVersions = plan.Shadows.Where(v => v != served.Version).ToList();
        // A call pinned to one version is a test of that version, not traffic to compare shadows against.
        if (shadowVersions.Count > 0 && pinned is null)
            shadows.Offer(new ShadowWork(plan.Model, served.Version, shadowVersions, at, null, requestId, null, values, ids, rows, features, runMs / Math.Max(1, rows.Count)));
    }
}
