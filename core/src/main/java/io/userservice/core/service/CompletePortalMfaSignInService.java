package io.userservice.core.service;

import io.userservice.core.domain.SignInMethods;
import io.userservice.core.port.in.CompletePortalMfaSignInUseCase;
import io.userservice.core.port.in.PortalLogin;
import io.userservice.core.port.out.ServiceObserver.SignInChannel;

final class CompletePortalMfaSignInService implements CompletePortalMfaSignInUseCase {

    private final SecondFactorSignIn signIn;
    private final PortalSessions sessions;

    CompletePortalMfaSignInService(SecondFactorSignIn signIn, PortalSessions sessions) {
        this.signIn = signIn;
        this.sessions = sessions;
    }

    @Override
    public PortalLogin complete(Command command) {
        SecondFactorSignIn.Completed done = signIn.complete(command.mfaToken(), command.code(),
                command.recoveryCode(), command.clientAddress(),
                command.openIdConnect() ? SignInChannel.OIDC : SignInChannel.PORTAL);
        return sessions.start(done.user(), done.deviceToken(), SignInMethods.PASSWORD_AND_CODE);
    }
}
