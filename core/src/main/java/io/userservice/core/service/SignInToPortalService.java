package io.userservice.core.service;

import io.userservice.core.domain.SignInMethods;
import io.userservice.core.port.out.ServiceObserver;

import io.userservice.core.port.in.PortalLogin;
import io.userservice.core.port.in.SignInToPortalUseCase;

final class SignInToPortalService implements SignInToPortalUseCase {

    private final Credentials credentials;
    private final PortalSessions sessions;

    SignInToPortalService(Credentials credentials, PortalSessions sessions) {
        this.credentials = credentials;
        this.sessions = sessions;
    }

    @Override
    public PortalLogin signIn(Command command) {
        Credentials.Verified verified = credentials.verifyOnDevice(command.email(), command.password(),
                command.clientAddress(), command.deviceToken(), command.openIdConnect()
                        ? ServiceObserver.SignInChannel.OIDC : ServiceObserver.SignInChannel.PORTAL);
        return sessions.start(verified.user(), verified.deviceToken(), SignInMethods.PASSWORD);
    }
}
