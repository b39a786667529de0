import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../core/ports.js';
import {
  type BulkChildLine,
  BulkChildLineSchema,
  type BulkOrderLine,
  BulkOrderLineSchema,
} from '../shopify/bulk-orders-schema.js';
import {
  type BulkGroup,
  type BulkReadOptions,
  type BulkReadSummary,
  readBulkGroups,
} from './bulk-jsonl.js';

const FIXTURE = readFileSync(new URL('./fixtures/bulk-orders.jsonl', import.meta.url), 'utf8');
const encoder = new TextEncoder();

/** Yields `bytes` in chunks of `size`, the way a network body arrives. */
async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger: Logger = {
    info: (f) => lines.push({ level: 'info', ...f }),
    warn: (f) => lines.push({ level: 'warn', ...f }),
    error: (f) => lines.push({ level: 'error', ...f }),
  };
  return { lines, logger };
}

type Group = BulkGroup<BulkOrderLine, BulkChildLine>;

async function readAll(
  source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
  extra: Partial<BulkReadOptions<BulkOrderLine, BulkChildLine>> = {},
): Promise<{ groups: Group[]; summary: BulkReadSummary }> {
  const iterator = readBulkGroups(source, {
    rootSchema: BulkOrderLineSchema,
    childSchema: BulkChildLineSchema,
    ...extra,
  });
  const groups: Group[] = [];
  for (;;) {
    const step = await iterator.next();
    if (step.done) return { groups, summary: step.value };
    groups.push(step.value);
  }
}

const summaryOf = (groups: Group[]) =>
  groups.map((g) => ({
    order: g.root.name,
    children: g.children.map((c) => c.id),
    rootLine: g.rootLine,
  }));

describe('readBulkGroups joins child lines to their order', () => {
  it("reads Shopify's grouped JSONL into one group per order", async () => {
    const { groups, summary } = await readAll(chunked(encoder.encode(FIXTURE), 4096));
    expect(summaryOf(groups)).toEqual([
      {
        order: '#1001',
        rootLine: 1,
        children: [
          'gid://shopify/LineItem/6601',
          'gid://shopify/FulfillmentEvent/7702',
          'gid://shopify/LineItem/6602',
          'gid://shopify/FulfillmentEvent/7701',
          'gid://shopify/FulfillmentOrder/4401',
          'gid://shopify/FulfillmentLineItem/3301',
          'gid://shopify/FulfillmentLineItem/3302',
        ],
      },
      {
        order: '#1002',
        rootLine: 9,
        children: ['gid://shopify/FulfillmentOrder/4402', 'gid://shopify/LineItem/6603'],
      },
      {
        order: '#1003',
        rootLine: 12,
        children: [
          'gid://shopify/LineItem/6604',
          'gid://shopify/FulfillmentEvent/7710',
          'gid://shopify/FulfillmentLineItem/3310',
        ],
      },
    ]);
    expect(summary).toEqual({
      lines: 15,
      groups: 3,
      invalidJson: 0,
      invalidShape: 0,
      orphans: 0,
      tooLong: 0,
    });
  });

  it('points each group at the byte where the next order starts', async () => {
    const { groups } = await readAll(chunked(encoder.encode(FIXTURE), 4096));
    const lines = FIXTURE.split('\n');
    const bytesBefore = (n: number) => encoder.encode(lines.slice(0, n).join('\n')).length + 1;
    expect(groups.map((g) => g.next)).toEqual([
      { line: 8, byteOffset: bytesBefore(8) },
      { line: 11, byteOffset: bytesBefore(11) },
      { line: 15, byteOffset: encoder.encode(FIXTURE).length },
    ]);
  });

  it('drops fields the schema does not know (personal data among them)', async () => {
    const { groups } = await readAll(chunked(encoder.encode(FIXTURE), 4096));
    const first = groups[0];
    expect(first?.root).not.toHaveProperty('note');
    expect(first?.root).not.toHaveProperty('tags');
    expect(first?.root.customer).toEqual({ id: 'gid://shopify/Customer/7301264752914' });
    expect(first?.children[1]).not.toHaveProperty('zip');
  });

  it.each([1, 2, 3, 7, 64, 1000])('gives the same groups for chunks of %i bytes', async (size) => {
    const whole = await readAll(chunked(encoder.encode(FIXTURE), 1 << 20));
    const split = await readAll(chunked(encoder.encode(FIXTURE), size));
    expect(split.groups).toEqual(whole.groups);
  });

  it('joins a UTF-8 character split across two chunks', async () => {
    const bytes = encoder.encode(FIXTURE);
    // The two bytes of "ö" in Göteborg.
    const at = bytes.findIndex((b, i) => b === 0xc3 && bytes[i + 1] === 0xb6);
    expect(at).toBeGreaterThan(0);
    async function* splitInside() {
      yield bytes.slice(0, at + 1);
      yield bytes.slice(at + 1);
    }
    const { groups, summary } = await readAll(splitInside());
    const event = groups[2]?.children.find((c) => c.id.includes('FulfillmentEvent'));
    expect(event).toMatchObject({ city: 'Göteborg' });
    expect(summary.invalidJson).toBe(0);
  });

  it('reads CRLF line ends and counts their bytes', async () => {
    const crlf = encoder.encode(FIXTURE.replaceAll('\n', '\r\n'));
    const { groups, summary } = await readAll(chunked(crlf, 5));
    expect(summaryOf(groups)).toEqual(
      summaryOf((await readAll(chunked(encoder.encode(FIXTURE), 5))).groups),
    );
    expect(groups.at(-1)?.next.byteOffset).toBe(crlf.length);
    expect(summary.invalidJson).toBe(0);
  });

  it('reads a last line without a newline, and skips empty lines', async () => {
    const text = FIXTURE.trimEnd().replace(
      '\n{"id":"gid://shopify/Order/5502"',
      '\n\n{"id":"gid://shopify/Order/5502"',
    );
    const { groups } = await readAll(chunked(encoder.encode(text), 16));
    expect(groups.map((g) => g.root.name)).toEqual(['#1001', '#1002', '#1003']);
    expect(groups.at(-1)?.children).toHaveLength(3);
    expect(groups.at(-1)?.next.byteOffset).toBe(encoder.encode(text).length);
  });

  it('reads a web ReadableStream as well as an async iterable', async () => {
    const bytes = encoder.encode(FIXTURE);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 100));
        controller.enqueue(bytes.slice(100));
        controller.close();
      },
    });
    expect((await readAll(stream)).groups.map((g) => g.root.name)).toEqual([
      '#1001',
      '#1002',
      '#1003',
    ]);
  });
});

describe('readBulkGroups skips bad lines without failing', () => {
  const lines = FIXTURE.trimEnd().split('\n');
  const withLine = (index: number, line: string) =>
    [...lines.slice(0, index), line, ...lines.slice(index)].join('\n');

  it('logs a malformed line by number, never its content, and goes on', async () => {
    const { lines: logged, logger } = recordingLogger();
    const broken = '{"id":"gid://shopify/LineItem/1","name":"Socks for secret.person@example.com",';
    const { groups, summary } = await readAll(chunked(encoder.encode(withLine(2, broken)), 10), {
      logger,
    });
    expect(groups.map((g) => g.root.name)).toEqual(['#1001', '#1002', '#1003']);
    expect(groups[0]?.children).toHaveLength(7);
    expect(summary.invalidJson).toBe(1);
    expect(logged).toContainEqual({
      level: 'warn',
      event: 'bulk_jsonl_line_skipped',
      line: 3,
      reason: 'invalidJson',
    });
    expect(JSON.stringify(logged)).not.toMatch(/secret|example|Socks/);
  });

  it('skips a child of the wrong shape', async () => {
    const bad =
      '{"id":"gid://shopify/LineItem/9","name":"Mug","quantity":"two","__parentId":"gid://shopify/Order/5501"}';
    const { groups, summary } = await readAll(chunked(encoder.encode(withLine(1, bad)), 4096));
    expect(groups[0]?.children.map((c) => c.id)).not.toContain('gid://shopify/LineItem/9');
    expect(summary.invalidShape).toBe(1);
  });

  it('skips an order of the wrong shape together with its children, and the next order is whole', async () => {
    const text = FIXTURE.replace('"name":"#1002"', '"name":1002');
    const { groups, summary } = await readAll(chunked(encoder.encode(text), 4096));
    expect(groups.map((g) => g.root.name)).toEqual(['#1001', '#1003']);
    expect(summary).toMatchObject({ invalidShape: 1, orphans: 2 });
    expect(groups[1]?.children).toHaveLength(3);
  });

  it('skips a child whose parent is another order (as ungrouped output would put it)', async () => {
    const stray =
      '{"id":"gid://shopify/LineItem/6699","name":"Stray","quantity":1,"__parentId":"gid://shopify/Order/5501"}';
    const { groups, summary } = await readAll(chunked(encoder.encode(withLine(10, stray)), 4096));
    expect(groups.flatMap((g) => g.children.map((c) => c.id))).not.toContain(
      'gid://shopify/LineItem/6699',
    );
    expect(summary.orphans).toBe(1);
  });

  it('takes only the order and its inline fulfillments as parents, not nested objects', async () => {
    const toCustomer =
      '{"id":"gid://shopify/LineItem/6698","name":"Odd","quantity":1,"__parentId":"gid://shopify/Customer/7301264752914"}';
    const { groups, summary } = await readAll(
      chunked(encoder.encode(withLine(1, toCustomer)), 4096),
    );
    expect(groups[0]?.children.map((c) => c.id)).not.toContain('gid://shopify/LineItem/6698');
    expect(summary.orphans).toBe(1);
  });

  it('treats JSON that is not an object, and bytes that are not UTF-8, as malformed', async () => {
    const bytes = new Uint8Array([
      ...encoder.encode(`${lines[0]}\n[1,2]\nnull\n`),
      0xff,
      0xfe,
      0x0a,
      ...encoder.encode(lines.slice(1).join('\n')),
    ]);
    const { groups, summary } = await readAll(chunked(bytes, 33));
    expect(summary.invalidJson).toBe(3);
    expect(groups[0]?.children).toHaveLength(7);
  });

  it('drops a line longer than the limit without holding it', async () => {
    const long = `{"id":"gid://shopify/LineItem/7","name":"${'x'.repeat(5000)}","quantity":1,"__parentId":"gid://shopify/Order/5501"}`;
    const { groups, summary } = await readAll(chunked(encoder.encode(withLine(1, long)), 100), {
      maxLineBytes: 4000,
    });
    expect(summary.tooLong).toBe(1);
    expect(groups.map((g) => g.root.name)).toEqual(['#1001', '#1002', '#1003']);
    expect(groups[0]?.children).toHaveLength(7);
  });
});

describe('readBulkGroups resumes after the last committed order', () => {
  const bytes = encoder.encode(FIXTURE);

  it("from a ranged download, with the whole file's lines and offsets", async () => {
    const full = await readAll(chunked(bytes, 4096));
    const committed = full.groups[0]?.next;
    if (!committed) throw new Error('fixture');
    const resumed = await readAll(chunked(bytes.slice(committed.byteOffset), 7), {
      start: committed,
    });
    expect(resumed.groups).toEqual(full.groups.slice(1));
  });

  it('from a full download, skipping the committed bytes unread', async () => {
    const full = await readAll(chunked(bytes, 4096));
    const committed = full.groups[1]?.next;
    if (!committed) throw new Error('fixture');
    const resumed = await readAll(chunked(bytes, 7), { skipUntil: committed.byteOffset });
    expect(resumed.groups).toEqual(full.groups.slice(2));
    expect(resumed.summary.lines).toBe(4);
  });
});

describe('readBulkGroups streams', () => {
  it('yields the first order long before the source ends', async () => {
    let pulled = 0;
    const total = 100_000;
    async function* endless() {
      for (let i = 1; i <= total; i++) {
        pulled++;
        yield encoder.encode(
          `${FIXTURE.split('\n')[0]?.replace('5501', String(i)).replace('9101', `9${i}`)}\n`,
        );
      }
    }
    const iterator = readBulkGroups(endless(), {
      rootSchema: BulkOrderLineSchema,
      childSchema: BulkChildLineSchema,
    });
    const first = await iterator.next();
    expect(first.done).toBe(false);
    expect(pulled).toBeLessThanOrEqual(2);
    await iterator.return(undefined as never);
  });

  it('cancels a web stream when the reader stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encoder.encode(FIXTURE));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const _group of readBulkGroups(stream, {
      rootSchema: BulkOrderLineSchema,
      childSchema: BulkChildLineSchema,
    })) {
      break;
    }
    expect(cancelled).toBe(true);
  });
});
