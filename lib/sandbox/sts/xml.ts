/** XML rendering for the STS Query protocol (namespace of API version 2011-06-15). */

const STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** A nested element tree: strings are text content, objects nest further (insertion order kept). */
export interface XmlTree {
  [element: string]: string | XmlTree;
}

function renderTree(tree: XmlTree, indent: string): string {
  return Object.entries(tree)
    .map(([name, value]) =>
      typeof value === "string"
        ? `${indent}<${name}>${escapeXml(value)}</${name}>`
        : `${indent}<${name}>\n${renderTree(value, `${indent}  `)}\n${indent}</${name}>`,
    )
    .join("\n");
}

/** `<ActionResponse xmlns=…><ActionResult>…</ActionResult><ResponseMetadata>…</ResponseMetadata></ActionResponse>` */
export function renderStsResult(action: string, result: XmlTree, requestId: string): string {
  const body: XmlTree = { [`${action}Result`]: result, ResponseMetadata: { RequestId: requestId } };
  return `<${action}Response xmlns="${STS_NAMESPACE}">\n${renderTree(body, "  ")}\n</${action}Response>\n`;
}

/** The Query-protocol error document (AWS puts RequestId beside Error, not inside it). */
export function renderStsError(
  code: string,
  message: string,
  requestId: string,
  type = "Sender",
): string {
  const body: XmlTree = {
    Error: { Type: type, Code: code, Message: message },
    RequestId: requestId,
  };
  return `<ErrorResponse xmlns="${STS_NAMESPACE}">\n${renderTree(body, "  ")}\n</ErrorResponse>\n`;
}
