/**
 * The use cases ({@code *Service}, each implementing one {@code port.in} interface) and their
 * package-private collaborators: the shared rules that several use cases apply (credentials,
 * throttling, audit trail, sessions, token issuance, notices) and {@link
 * io.userservice.core.service.UserServiceCore}, which wires them. The collaborators stay package
 * private on purpose: nothing outside the core calls them, so a use case is the only way in.
 * The settings the core takes are in {@link io.userservice.core.settings}, the outboxes'
 * background workers in {@link io.userservice.core.outbox}.
 */
package io.userservice.core.service;
