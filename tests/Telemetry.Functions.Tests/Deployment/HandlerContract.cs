using System.Reflection;

namespace Telemetry.Functions.Tests.Deployment;

// What the managed dotnet runtime needs from a handler string "Assembly::Namespace.Type::Method" when the
// function takes and returns raw streams (no Amazon.Lambda.* serializer): checked by reflection, never run.
public static class HandlerContract
{
    private const string Separator = "::";

    /// <summary>Why <paramref name="handler"/> cannot be invoked, or null when it can.</summary>
    /// <param name="handler">The handler string as deployed.</param>
    /// <param name="loadAssembly">Loads a published assembly by its simple name; null when there is no such file.</param>
    public static string? Problem(string handler, Func<string, Assembly?> loadAssembly)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(loadAssembly);
        var parts = handler.Split(Separator);
        if (parts.Length != 3 || parts.Any(string.IsNullOrWhiteSpace))
        {
            return $"'{handler}' is not of the form Assembly::Namespace.Type::Method.";
        }

        var (assemblyName, typeName, methodName) = (parts[0], parts[1], parts[2]);
        var assembly = loadAssembly(assemblyName);
        if (assembly is null)
        {
            return $"'{handler}': the publish output has no assembly '{assemblyName}.dll'.";
        }

        var type = assembly.GetType(typeName, throwOnError: false);
        if (type is null)
        {
            return $"'{handler}': assembly '{assemblyName}' has no type '{typeName}'.";
        }

        return TypeProblem(type) is { } typeProblem
            ? $"'{handler}': type '{typeName}' {typeProblem}."
            : MethodProblem(type, methodName) is { } methodProblem
                ? $"'{handler}': method '{methodName}' {methodProblem}."
                : null;
    }

    private static string? TypeProblem(Type type) =>
        !type.IsVisible ? "is not public"
        : type.IsAbstract ? "is abstract or static, so the runtime cannot create it"
        : type.ContainsGenericParameters ? "is an open generic type"
        : type.GetConstructor(Type.EmptyTypes) is null ? "has no public parameterless constructor"
        : null;

    private static string? MethodProblem(Type type, string methodName)
    {
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.Name == methodName)
            .ToList();
        if (methods.Count == 0)
        {
            return $"is not a public method of {type.FullName}";
        }

        if (methods.Count > 1)
        {
            return $"is overloaded ({methods.Count} public methods), so the runtime cannot choose one";
        }

        var method = methods[0];
        var parameters = method.GetParameters();
        if (parameters.Length != 1 || parameters[0].ParameterType != typeof(Stream))
        {
            return $"must take exactly one System.IO.Stream, but takes ({string.Join(", ", parameters.Select(p => p.ParameterType.Name))})";
        }

        if (method.ContainsGenericParameters)
        {
            return "is generic";
        }

        return method.ReturnType == typeof(Stream) || method.ReturnType == typeof(Task<Stream>)
            ? null
            : $"must return Stream or Task<Stream>, but returns {method.ReturnType.Name}";
    }
}
