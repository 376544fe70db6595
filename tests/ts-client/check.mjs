// Lists and calls tools on a running IcuSync with the official TypeScript MCP SDK.
// Usage: node check.mjs <mcp-url> <tool> [jsonArgs]. Prints one JSON object: {tools, result}.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, tool, args] = process.argv.slice(2);
const client = new Client({ name: "icusync-ts-check", version: "1.0.0" });
await client.connect(new StreamableHTTPClientTransport(new URL(url)));
const tools = await client.listTools();
// callTool validates structuredContent against the tool's outputSchema, as Claude-style clients do.
const result = await client.callTool({ name: tool, arguments: args ? JSON.parse(args) : {} });
console.log(JSON.stringify({ tools: tools.tools.map(t => t.name), result }));
await client.close();
