import type { HttpClient, RequestOptions } from '../http-client.js';
import { path } from '../path.js';
import type { Event, ListEventsParams, RedeliverParams, Redelivery } from '../types.js';
import { Listing } from './listing.js';

export class Events extends Listing<Event, ListEventsParams> {
  constructor(http: HttpClient) {
    super(http, '/v1/events');
  }

  /** Sends the event again, to one endpoint or to every endpoint that wants it. */
  redeliver(id: string, params: RedeliverParams = {}, options?: RequestOptions): Promise<Redelivery> {
    return this.http.request({ method: 'POST', path: path`/v1/events/${id}/redeliver`, body: params }, options);
  }
}
