/**
 * Who caused an event and when. Time and ids come in with the command, so the domain stays pure.
 * The event store wraps this in the full envelope (event id, stream version, position).
 */
export type EventMetadata = Readonly<{
  occurred_at: string;
  user_id: string;
  company_id: string | null;
  correlation_id: string;
  causation_id?: string;
}>;

/** An event is a readonly plain object: a type, its data and its metadata. Never a class instance. */
export type DomainEvent<Type extends string, Data extends object> = Readonly<{
  type: Type;
  data: Readonly<Data>;
  metadata: EventMetadata;
}>;

export type JsonObject = { readonly [key: string]: unknown };
