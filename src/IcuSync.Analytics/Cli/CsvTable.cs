using System.Globalization;

namespace IcuSync.Analytics.Cli;

/// <summary>A small CSV reader for the analyze inputs: a header line and comma-separated rows, no embedded commas.</summary>
/// <remarks>Row numbers in messages are file line numbers (the header is row 1), so an editor's "go to line" finds them.</remarks>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> columns;

    private CsvTable(string source, string[] header, List<(int Line, string[] Cells)> rows)
    {
        Source = source;
        Header = header;
        Rows = rows;
        columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            columns.TryAdd(header[i], i);
        }
    }

    public string Source { get; }

    public string[] Header { get; }

    public List<(int Line, string[] Cells)> Rows { get; }

    public static bool TryParse(string text, string source, string expectedHeader, out CsvTable? table, out string? error)
    {
        table = null;
        var lines = text.Split('\n');
        var headerLine = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]))
            {
                headerLine = i;
                break;
            }
        }

        var firstColumn = expectedHeader.Split(',')[0];
        if (headerLine < 0)
        {
            error = $"{source}: row 1, column '{firstColumn}': the file is empty; it needs a header line naming {expectedHeader} and one row per {RowUnit(expectedHeader)}";
            return false;
        }

        var header = SplitCells(lines[headerLine].TrimStart('\uFEFF'));
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0)
            {
                error = $"{source}: row {headerLine + 1}, column {i + 1}: the header cell is empty; name every column ({expectedHeader})";
                return false;
            }

            for (var j = 0; j < i; j++)
            {
                if (string.Equals(header[i], header[j], StringComparison.OrdinalIgnoreCase))
                {
                    error = $"{source}: row {headerLine + 1}, column '{header[i]}': the column is named twice; keep one";
                    return false;
                }
            }
        }

        var rows = new List<(int Line, string[] Cells)>();
        for (var i = headerLine + 1; i < lines.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]))
            {
                rows.Add((i + 1, SplitCells(lines[i])));
            }
        }

        if (rows.Count == 0)
        {
            error = $"{source}: row {headerLine + 2}, column '{header[0]}': no data rows after the header; add one row per {RowUnit(expectedHeader)}";
            return false;
        }

        table = new CsvTable(source, header, rows);
        error = null;
        return true;
    }

    public int Column(string name) => columns.TryGetValue(name, out var index) ? index : -1;

    public bool TryRequire(string[] names, out int[] indices, out string? error)
    {
        indices = new int[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            indices[i] = Column(names[i]);
            if (indices[i] < 0)
            {
                error = $"{Source}: row {HeaderRow}, column '{names[i]}': missing from the header ({string.Join(',', Header)}); the header must name {string.Join(',', names)}";
                return false;
            }
        }

        error = null;
        return true;
    }

    public int HeaderRow => Rows[0].Line - 1;

    /// <summary>The raw text of a cell, or null when the row is short.</summary>
    public static string? Cell(string[] cells, int column) => column < cells.Length ? cells[column] : null;

    public string CellError(int line, string column, string problem) => $"{Source}: row {line}, column '{column}': {problem}";

    public bool TryNumber(int line, string[] cells, int column, out double value, out string? error)
    {
        var name = Header[column];
        var text = Cell(cells, column);
        if (text is null || text.Length == 0)
        {
            value = double.NaN;
            error = CellError(line, name, "the value is missing; give a number");
            return false;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            error = CellError(line, name, $"'{text}' is not a number; use digits with a '.' decimal point, e.g. 245.5");
            return false;
        }

        error = null;
        return true;
    }

    public bool TryDate(int line, string[] cells, int column, out DateOnly date, out string? error)
    {
        var name = Header[column];
        var text = Cell(cells, column) ?? string.Empty;
        var datePart = text.Length > 10 && (text[10] == 'T' || text[10] == ' ') ? text[..10] : text;
        if (!DateOnly.TryParseExact(datePart, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            error = CellError(line, name, text.Length == 0 ? "the date is missing; use YYYY-MM-DD" : $"'{text}' is not a date; use YYYY-MM-DD, e.g. 2024-03-01");
            return false;
        }

        error = null;
        return true;
    }

    private static string RowUnit(string expectedHeader) => expectedHeader.StartsWith("date", StringComparison.Ordinal) ? "day" : expectedHeader.StartsWith("secs", StringComparison.Ordinal) ? "effort" : "second";

    private static string[] SplitCells(string line)
    {
        var cells = line.TrimEnd('\r').Split(',');
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i].Trim();
            if (cell.Length >= 2 && cell[0] == '"' && cell[^1] == '"')
            {
                cell = cell[1..^1].Trim();
            }

            cells[i] = cell;
        }

        return cells;
    }
}
