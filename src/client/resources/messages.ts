import type { HttpClient, RequestOptions } from '../http-client.js';
import type { CreateMessageParams, ListMessagesParams, Message } from '../types.js';
import { Listing } from './listing.js';

export class Messages extends Listing<Message, ListMessagesParams> {
  constructor(http: HttpClient) {
    super(http, '/v1/messages');
  }

  /** Rendered at once (a missing template variable is an InvalidRequestError), sent in the background. */
  create(params: CreateMessageParams, options?: RequestOptions): Promise<Message> {
    return this.http.request({ method: 'POST', path: '/v1/messages', body: params }, options);
  }
}
