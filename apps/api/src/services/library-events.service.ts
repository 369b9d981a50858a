import type { LibraryEvent, Viewer } from '@atelier/domain';
import { Repeater } from '@repeaterjs/repeater';
import { closable } from '../events/closable';
import { type EventBus, isResync } from '../events/event-bus';

/** Said after the event connection was lost and is back: changes may have been missed. */
const everything: LibraryEvent = { kind: 'EVERYTHING', itemId: '', removed: false };

/** Changes to the viewer's library from any process, so every open tab can follow along. */
export class LibraryEventsService {
  constructor(private readonly deps: { events: EventBus }) {}

  watch(viewer: Viewer): AsyncIterableIterator<LibraryEvent> {
    const { pubsub } = this.deps.events;
    const events = Repeater.merge([pubsub.subscribe('library', viewer.id), pubsub.subscribe('resync')]);
    return closable(events, async function* () {
      for await (const event of events) yield isResync(event) ? everything : event;
    });
  }
}
