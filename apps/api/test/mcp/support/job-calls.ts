import { type JobRecord, terminalJobStatuses, type Viewer } from '@atelier/domain';
import type { CallToolResult, ImageContent } from '@modelcontextprotocol/sdk/types.js';
import sharp from 'sharp';
import type { App } from '../../../src/app';

/** The job as it ends, followed through the same events the web app sees (no polling, no clock). */
export async function finalJob(app: App, viewer: Viewer, jobId: string): Promise<JobRecord> {
  let last: JobRecord | undefined;
  for await (const job of app.services.jobs.watch(viewer, jobId, 0)) {
    last = job;
    if (terminalJobStatuses.includes(job.status)) break;
  }
  return last!;
}

/** The person's newest job (the one a tool call just started). */
export async function newestJob(app: App, viewer: Viewer): Promise<JobRecord | undefined> {
  const [job] = await app.services.jobs.list(viewer, null, { limit: 1, inverted: false });
  return job;
}

/** What a person sees of each image block: its decoded format, size and weight. */
export async function previews(result: CallToolResult) {
  const blocks = result.content.filter((block): block is ImageContent => block.type === 'image');
  return Promise.all(
    blocks.map(async (block) => {
      const bytes = Buffer.from(block.data, 'base64');
      const meta = await sharp(bytes).metadata();
      return {
        mimeType: block.mimeType,
        format: meta.format,
        width: meta.width,
        height: meta.height,
        bytes: bytes.length,
      };
    }),
  );
}

export function textOf(result: CallToolResult): string {
  return result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
}

/** A mask PNG as an assistant would send it: base64, white where to repaint. */
export async function maskPng(width: number, height: number): Promise<string> {
  const png = await sharp({ create: { width, height, channels: 3, background: '#000' } })
    .composite([
      {
        input: await sharp({
          create: {
            width: Math.round(width / 2),
            height: Math.round(height / 2),
            channels: 3,
            background: '#fff',
          },
        })
          .png()
          .toBuffer(),
        top: 0,
        left: 0,
      },
    ])
    .png()
    .toBuffer();
  return png.toString('base64');
}
