namespace Edgeplane.KubeSim.Catalog;

/// <summary>A column of the <c>kubectl get</c> table: a CRD's additionalPrinterColumns or a built-in kind's column.</summary>
/// <param name="JsonPath">A simple dotted path such as <c>.status.phase</c>; see <see cref="Api.TableWriter"/> for what is evaluated.</param>
internal sealed record PrinterColumn(string Name, string Type, string JsonPath, int Priority = 0, string Description = "");
