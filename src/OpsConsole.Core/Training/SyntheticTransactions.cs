using System.Globalization;
using System.Text;

namespace OpsConsole.Training;

/// <summary>
/// A deterministic synthetic dataset for the demo model: card transactions with amount, hour, channel and country, and a
/// fraud label that depends on them through a known rule plus label noise, so a linear model can learn most of it.
/// </summary>
public static class SyntheticTransactions
{
    static readonly string[] Channels = ["app", "store", "web"];
    static readonly string[] Countries = ["DE", "FR", "NL", "US"];

    // drift: 0 for the reference population; above 0 shifts amounts up and web traffic, as a later month might.
    public static string Csv(int rows, int seed, double drift = 0)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("amount,hour,channel,country,label\n");
        for (var i = 0; i < rows; i++)
        {
            var channel = random.NextDouble() < 0.2 + drift * 0.3 ? "web" : Channels[random.Next(Channels.Length)];
            var country = Countries[random.Next(Countries.Length)];
            var amount = Math.Round(Math.Exp(3.5 + random.NextDouble() * 3 + drift), 2);
            var hour = random.Next(24);
            var risk = -6.0 + amount / 80 + (hour is < 6 ? 2.5 : 0) + (channel == "web" ? 2.0 : 0) + (country == "US" ? 1.0 : 0);
            var fraud = random.NextDouble() < 1 / (1 + Math.Exp(-risk));
            if (random.NextDouble() < 0.03) fraud = !fraud;   // label noise
            csv.Append(CultureInfo.InvariantCulture, $"{amount},{hour},{channel},{country},{(fraud ? "fraud" : "legit")}\n");
        }
        return csv.ToString();
    }
}
