namespace OpsConsole.Datasets;

public class CsvReaderTests
{
    [Fact]
    public void Quoted_fields_may_hold_commas_quotes_and_line_breaks()
    {
        var result = CsvReader.Parse("name,note\r\n\"Lima, Ana\",\"said \"\"hi\"\"\"\nbo,\"two\nlines\"\n");

        Assert.Null(result.Error);
        Assert.Equal(["name", "note"], result.Table!.Columns);
        Assert.Equal([["Lima, Ana", "said \"hi\""], ["bo", "two\nlines"]], result.Table.Rows.Select(r => r.ToArray()));
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("a,b\n1,2,3\n", "Row 2 has 3 fields; the header has 2.")]
    [InlineData("a,a\n1,2\n", "The column 'a' appears twice")]
    [InlineData("a,\n1,2\n", "Every column in the header row needs a name.")]
    [InlineData("a,b\n\"1,2\n", "a quoted field is not closed")]
    public void Malformed_files_are_refused_with_the_reason(string text, string reason)
    {
        var result = CsvReader.Parse(text);

        Assert.Null(result.Table);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_last_row_without_a_line_break_is_kept()
    {
        Assert.Equal(2, CsvReader.Parse("a\n1\n2").Table!.Rows.Count);
    }
}
