/// <reference lib="dom" />
// The gallery app's page script (runs in the host's sandboxed iframe; bundled by gallery-html.ts).
import { App } from '@modelcontextprotocol/ext-apps';
import type { CallToolResult, ContentBlock } from '@modelcontextprotocol/sdk/types.js';

interface ImageSummary {
  id: string;
  uri: string;
  prompt: string;
  width: number;
  height: number;
  provider?: string;
  model?: string;
}
interface JobSummary {
  id: string;
  status: string;
  stage: string | null;
  progress: number;
  error: { message: string } | null;
}
interface Collection {
  id: string;
  name: string;
  smart?: boolean;
}

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELED']);
const POLL_MS = 1500;

const gallery = byId<HTMLUListElement>('gallery');
const statusLine = byId<HTMLSpanElement>('status');
const progressBar = byId<HTMLProgressElement>('progress');
const noteLine = byId<HTMLParagraphElement>('note');
const shown = new Set<string>();
let collections: Promise<Collection[]> | undefined;

const app = new App({ name: 'Atelier gallery', version: '1.0.0' });

app.ontoolinput = ({ arguments: args }) => {
  const prompt = typeof args?.prompt === 'string' ? args.prompt : undefined;
  setStatus(prompt ? `Generating “${prompt}”…` : 'Working…', null);
};
app.ontoolresult = (result) => void showResult(result).catch(showError);
app.ontoolcancelled = () => setStatus('Cancelled.', undefined);

await app.connect();

/** A tool result (generate_images, search_images, or an action's) into the gallery; follows an unfinished job. */
async function showResult(result: CallToolResult, append = false): Promise<void> {
  if (result.isError) {
    setStatus('', undefined);
    return note(textOf(result) || 'The tool failed.');
  }
  const structured = (result.structuredContent ?? {}) as { images?: ImageSummary[]; job?: JobSummary };
  if (!append) clearGallery();
  addImages(structured.images ?? [], previewsByUri(result.content));
  let job = structured.job;
  while (job && !TERMINAL.has(job.status)) {
    setStatus(`${job.status.toLowerCase()}${job.stage ? ` · ${job.stage}` : ''}`, job.progress);
    await sleep(POLL_MS);
    const next = await app.callServerTool({ name: 'get_job', arguments: { jobId: job.id } });
    if (next.isError) return note(textOf(next));
    const polled = (next.structuredContent ?? {}) as { images?: ImageSummary[]; job?: JobSummary };
    addImages(polled.images ?? [], previewsByUri(next.content));
    job = polled.job;
  }
  if (job?.status === 'FAILED') note(job.error?.message ?? 'The job failed.');
  const count = shown.size;
  setStatus(job?.status === 'CANCELED' ? 'Cancelled.' : `${count} image${count === 1 ? '' : 's'}`, undefined);
}

/** Image blocks carry the preview; the resource_link after each names the image it shows. */
function previewsByUri(content: ContentBlock[] | undefined): Map<string, string> {
  const previews = new Map<string, string>();
  let pending: string | undefined;
  for (const block of content ?? []) {
    if (block.type === 'image') pending = `data:${block.mimeType};base64,${block.data}`;
    else if (block.type === 'resource_link' && pending) {
      previews.set(block.uri, pending);
      pending = undefined;
    }
  }
  return previews;
}

function addImages(images: ImageSummary[], previews: Map<string, string>): void {
  for (const image of images) {
    if (shown.has(image.id)) continue;
    shown.add(image.id);
    gallery.append(card(image, previews.get(image.uri)));
  }
}

function card(image: ImageSummary, preview: string | undefined): HTMLLIElement {
  const item = element('li', { 'data-image-id': image.id });
  if (preview) {
    const img = element('img', { src: preview, alt: image.prompt, loading: 'lazy' });
    img.style.setProperty('--ratio', `${image.width} / ${image.height}`);
    item.append(img);
  } else {
    item.append(element('div', { class: 'placeholder' }, `${image.width}×${image.height}`));
  }
  item.append(element('div', { class: 'caption', title: image.prompt }, image.prompt));
  const actions = element('div', { class: 'actions' });
  actions.append(
    button('Vary', () => runAction('create_variations', { imageId: image.id }, 'Making variations…')),
    button('Enhance', () => runAction('enhance_image', { imageId: image.id }, 'Enhancing…')),
    button('Add to collection', () => pickCollection(image, actions)),
  );
  item.append(actions);
  return item;
}

/** Vary and Enhance: the server tool through the host; its images join the gallery as they come. */
async function runAction(name: string, args: Record<string, unknown>, working: string): Promise<void> {
  setStatus(working, null);
  await showResult(await app.callServerTool({ name, arguments: args }), true);
}

async function pickCollection(image: ImageSummary, actions: HTMLElement): Promise<void> {
  collections ??= app
    .callServerTool({ name: 'list_collections', arguments: { pageSize: 50 } })
    .then((result) => {
      if (result.isError) throw new Error(textOf(result));
      const list =
        (result.structuredContent as { collections?: Collection[] } | undefined)?.collections ?? [];
      return list.filter((collection) => !collection.smart);
    });
  const list = await collections.catch((error: unknown) => {
    collections = undefined;
    throw error;
  });
  if (list.length === 0) return note('No hand-made collection yet: ask the assistant to create one.');
  const select = element('select', { 'aria-label': 'Collection' });
  for (const collection of list) select.append(element('option', { value: collection.id }, collection.name));
  const add = button('Add', async () => {
    const result = await app.callServerTool({
      name: 'add_to_collection',
      arguments: { collectionId: select.value, imageIds: [image.id] },
    });
    if (result.isError) return note(textOf(result));
    select.remove();
    add.remove();
    setStatus(`Added to “${select.selectedOptions[0]?.text ?? 'the collection'}”.`, undefined);
  });
  actions.append(select, add);
}

function button(label: string, onClick: () => Promise<void>): HTMLButtonElement {
  const node = element('button', { type: 'button' }, label);
  node.addEventListener('click', () => {
    node.disabled = true;
    note('');
    onClick()
      .catch(showError)
      .finally(() => (node.disabled = false));
  });
  return node;
}

function setStatus(text: string, progress: number | null | undefined): void {
  statusLine.textContent = text;
  // null: working, amount unknown (an indeterminate bar); undefined: not working.
  progressBar.hidden = progress === undefined;
  if (progress === null || progress === undefined) progressBar.removeAttribute('value');
  else progressBar.value = progress;
}

function note(text: string): void {
  noteLine.textContent = text;
  noteLine.hidden = text === '';
}

function showError(error: unknown): void {
  setStatus('', undefined);
  note(error instanceof Error ? error.message : String(error));
}

function clearGallery(): void {
  gallery.replaceChildren();
  shown.clear();
  note('');
}

function textOf(result: CallToolResult): string {
  return result.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
