import type { LibraryEvent, Viewer } from '@atelier/schema/context';
import { closable } from '../events/closable';
import type { EventBus } from '../events/event-bus';

/** Changes to the viewer's library from any process, so every open tab can follow along. */
export class LibraryEventsService {
  constructor(private readonly deps: { events: EventBus }) {}

  watch(viewer: Viewer): AsyncIterableIterator<LibraryEvent> {
    return closable(this.deps.events.pubsub.subscribe('library', viewer.id), async function* (events) {
      yield* events;
    });
  }
}
