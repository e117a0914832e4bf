package io.userservice.core.service;

import io.userservice.core.domain.PasskeyRequestOptions;
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
                command.recoveryCode(), command.webauthn(), command.clientAddress(), channel(command.openIdConnect()));
        return sessions.start(done.user(), done.deviceToken(), done.methods());
    }

    @Override
    public PasskeyRequestOptions webauthnOptions(OptionsCommand command) {
        return signIn.webauthnOptions(command.mfaToken(), command.clientAddress(), channel(command.openIdConnect()));
    }

    private static SignInChannel channel(boolean openIdConnect) {
        return openIdConnect ? SignInChannel.OIDC : SignInChannel.PORTAL;
    }
}
