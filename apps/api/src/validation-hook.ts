import { PagewiseError } from "@pagewise/core";
import type { z } from "zod";

type Target = "query" | "param" | "header" | "json" | "form" | "cookie";
type Issue = z.core.$ZodIssue;

/** How a caller names where a value went wrong. */
const WHERE: Record<Target, string> = {
  query: "Query parameter",
  param: "Path parameter",
  header: "Header",
  json: "Field",
  form: "Form field",
  cookie: "Cookie",
};

const TYPE_WORDS: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  string: "text",
  boolean: "true or false",
  array: "a list",
  object: "an object",
};

const quote = (value: unknown) =>
  typeof value === "string" ? `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'` : "";

/** What the rule asks for, in words (never zod's "expected nonoptional, received NaN"). */
function expectation(issue: Issue, raw: unknown): string {
  const got = raw === undefined ? "" : ` (got ${quote(raw) || JSON.stringify(raw)})`;
  switch (issue.code) {
    case "invalid_type":
      if (raw === undefined) return "is required";
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}${got}`;
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return `must have at least ${min} characters`;
      if (issue.origin === "array") return `must have at least ${min} items`;
      return `must be ${issue.inclusive ? "at least" : "more than"} ${min}${got}`;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return `must have at most ${max} characters`;
      if (issue.origin === "array") return `must have at most ${max} items`;
      return `must be ${issue.inclusive ? "at most" : "less than"} ${max}${got}`;
    }
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}${got}`
        : `must be one of ${issue.values.map((v) => String(v)).join(", ")}${got}`;
    case "invalid_format":
      return `must be a valid ${issue.format}${got}`;
    case "unrecognized_keys":
      return `has unknown ${issue.keys.length === 1 ? "key" : "keys"} ${issue.keys.join(", ")}`;
    case "invalid_union":
      return `does not match any accepted form${got}`;
    case "not_multiple_of":
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message;
  }
}

/** The value the caller sent at an issue's path (query values as the text they were sent). */
function rawValue(issue: Issue, input: unknown): unknown {
  let value = input;
  for (const key of issue.path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key as PropertyKey];
  }
  return value;
}

/** One sentence per issue, naming the parameter and what it must be. */
export function describeIssues(
  target: Target,
  issues: readonly Issue[],
  input: unknown,
): { message: string; issues: { in: Target; path: string; message: string }[] } {
  const described = issues.slice(0, 20).map((issue) => {
    const path = issue.path.map(String).join(".");
    const subject = path ? `${WHERE[target]} '${path}'` : "The request body";
    return {
      in: target,
      path,
      message: `${subject} ${expectation(issue, rawValue(issue, input))}.`,
    };
  });
  const more = issues.length - 1;
  const message =
    described[0]!.message +
    (more === 1 ? " One more problem is listed in details.issues." : "") +
    (more > 1 ? ` ${more} more problems are listed in details.issues.` : "");
  return { message, issues: described };
}

/**
 * The default hook of every OpenAPI route: a request that does not match the schema fails with
 * `validation_failed` (400 in the one error shape), with a message in Pagewise's own words.
 */
export function validationHook(result: {
  success: boolean;
  error?: unknown;
  target?: string;
  data?: unknown;
}): void {
  if (result.success) return;
  const error = result.error as z.ZodError;
  const target = (result.target ?? "json") as Target;
  const { message, issues } = describeIssues(target, error.issues, result.data);
  throw new PagewiseError("validation_failed", message, { issues });
}
