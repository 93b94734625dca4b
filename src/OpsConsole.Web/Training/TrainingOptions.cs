namespace OpsConsole.Training;

/// <summary>The <c>options</c> part of <c>POST /api/models/{name}/train</c>; everything but the label column has a default.</summary>
public sealed record TrainingOptions(
    string? LabelColumn, double HoldoutFraction = 0.2, int Seed = 42, int Epochs = 300, double LearningRate = 0.5, double L2 = 1e-4,
    string? Description = null, string? DatasetVersion = null)
{
    public Dictionary<string, string[]> Check()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(LabelColumn)) errors["options.labelColumn"] = ["Name the column that holds the label."];
        if (HoldoutFraction is < 0.05 or > 0.5) errors["options.holdoutFraction"] = ["Hold out between 0.05 and 0.5 of the rows."];
        if (Epochs is < 1 or > 5000) errors["options.epochs"] = ["Use 1 to 5000 epochs."];
        if (LearningRate is <= 0 or > 10 || !double.IsFinite(LearningRate)) errors["options.learningRate"] = ["Use a learning rate above 0 and at most 10."];
        if (L2 is < 0 or > 10 || !double.IsFinite(L2)) errors["options.l2"] = ["Use an L2 penalty from 0 to 10."];
        return errors;
    }
}
