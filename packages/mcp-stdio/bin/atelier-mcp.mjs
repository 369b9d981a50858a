#!/usr/bin/env node
// atelier-mcp: stdio MCP server bridged to a running Atelier (ATELIER_URL, ATELIER_TOKEN).
// stdout carries the protocol only; everything else goes to stderr.
import { tsImport } from 'tsx/esm/api';

await tsImport('../src/main.ts', import.meta.url);
