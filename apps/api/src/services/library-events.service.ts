import type { LibraryEvent, Viewer } from '@atelier/schema/context';
import type { EventBus } from '../events/event-bus';

/** Changes to the viewer's library from any process, so every open tab can follow along. */
export class LibraryEventsService {
  constructor(private readonly deps: { events: EventBus }) {}

  async *watch(viewer: Viewer): AsyncGenerator<LibraryEvent> {
    const events = this.deps.events.pubsub.subscribe('library', viewer.id);
    try {
      yield* events;
    } finally {
      await events.return?.();
    }
  }
}
