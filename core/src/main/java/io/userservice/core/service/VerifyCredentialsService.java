package io.userservice.core.service;

import io.userservice.core.port.out.ServiceObserver;

import io.userservice.core.domain.User;
import io.userservice.core.port.in.VerifyCredentialsUseCase;

/** The plain credential check of Basic authentication and the Nexudus validate endpoint. */
final class VerifyCredentialsService implements VerifyCredentialsUseCase {

    private final Credentials credentials;

    VerifyCredentialsService(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public User verify(Command command) {
        return credentials.verify(command.email(), command.password(), command.clientAddress(),
                ServiceObserver.SignInChannel.BASIC);
    }
}
